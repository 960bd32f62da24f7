# Bad parameter values are refused before anything is sent: each gives one exact error id (Adsumo.<Reason> for the
# module's own checks, PowerShell's binding ids for ValidateSet, ValidateRange and the like), an error message free
# of control and direction-override characters, and not one request reaches the emulator.

BeforeDiscovery {
    $uuid = '550e8400-e29b-41d4-a716-446655440000'
    $image = 'https://example.com/p.png'
    $product = @{ Name = 'Mug'; Description = 'A mug'; Category = 'Kitchen'; ImageUrl = $image }
    $rtl = [string][char]0x202E
    $validation = 'ParameterArgumentValidationError'
    $transformation = 'ParameterArgumentTransformationError'
    # PowerShell's id when a value cannot be converted to the parameter's type at all.
    $conversion = 'CannotConvertArgumentNoMessage'
    function Copy-WithChange([hashtable] $Base, [hashtable] $Changes) {
        $copy = @{} + $Base
        foreach ($name in $Changes.Keys) { $copy[$name] = $Changes[$name] }
        $copy
    }

    # Command, its parameters, and the error id expected. Connection is added for the commands that take one.
    # Not $script: scoped: discovery of every file shares a scope, and a name set there reaches other files.
    $badInputCases = @(
        # Ids: not UUIDs, hostile, blank, missing.
        @{ Case = 'an id that is not a UUID'; Command = 'Get-AdsumoProduct'; Parameters = @{ Id = 'not-a-uuid' }; Id = 'Adsumo.InvalidId' }
        @{ Case = 'an id with SQL in it'; Command = 'Get-AdsumoProduct'; Parameters = @{ Id = "'; DROP TABLE products;--" }; Id = 'Adsumo.InvalidId' }
        @{ Case = 'an id that climbs the path'; Command = 'Get-AdsumoProduct'; Parameters = @{ Id = '../../etc/passwd' }; Id = 'Adsumo.InvalidId' }
        @{ Case = 'an id with a query in it'; Command = 'Get-AdsumoGeneration'; Parameters = @{ Id = "$uuid?limit=1" }; Id = 'Adsumo.InvalidId' }
        @{ Case = 'an id with a control character'; Command = 'Get-AdsumoGeneration'; Parameters = @{ Id = "550e8400-e29b-41d4-a716-4466554400`a0" }; Id = 'Adsumo.InvalidId' }
        @{ Case = 'an id with a right-to-left override'; Command = 'Get-AdsumoGeneration'; Parameters = @{ Id = "$rtl$uuid" }; Id = 'Adsumo.InvalidId' }
        @{ Case = 'an empty id'; Command = 'Get-AdsumoProduct'; Parameters = @{ Id = '' }; Id = $validation }
        @{ Case = 'a null id'; Command = 'Get-AdsumoProduct'; Parameters = @{ Id = $null }; Id = $validation }
        @{ Case = 'a blank id'; Command = 'Get-AdsumoProduct'; Parameters = @{ Id = '   ' }; Id = 'Adsumo.MissingValue' }
        @{ Case = 'a bad id among good ones'; Command = 'Remove-AdsumoProduct'; Parameters = @{ Id = @('nope'); Force = $true }; Id = 'Adsumo.InvalidId' }
        @{ Case = 'a numeric avatar id'; Command = 'Remove-AdsumoAvatar'; Parameters = @{ Id = '12345'; Force = $true }; Id = 'Adsumo.InvalidId' }
        @{ Case = 'an avatar id that is a name'; Command = 'Get-AdsumoAvatar'; Parameters = @{ Id = 'Anna' }; Id = 'Adsumo.InvalidId' }
        @{ Case = 'a generation id to wait on that is not one'; Command = 'Wait-AdsumoGeneration'; Parameters = @{ Id = 'gen_123' }; Id = 'Adsumo.InvalidId' }
        @{ Case = 'a generation id to save that is not one'; Command = 'Save-AdsumoGeneration'; Parameters = @{ Id = 'gen_123'; Path = 'out.mp4' }; Id = 'Adsumo.InvalidId' }
        @{ Case = 'a product shot of a product id that is not one'; Command = 'New-AdsumoProductShot'; Parameters = @{ ProductId = 'mug'; StyleId = 'lifestyle-outdoor'; Model = 'fast'; AspectRatio = '1:1' }; Id = 'Adsumo.InvalidId' }
        @{ Case = 'a video of an avatar id that is not one'; Command = 'New-AdsumoTalkingAvatarVideo'; Parameters = @{ AvatarId = 'anna'; Script = 'Hi'; VoiceId = 'EXAVITQu4vr4xnSDxMaL' }; Id = 'Adsumo.InvalidId' }
        @{ Case = 'a voiceover id that is not one'; Command = 'New-AdsumoTalkingAvatarVideo'; Parameters = @{ AvatarId = $uuid; VoiceoverId = 'vo-1' }; Id = 'Adsumo.InvalidId' }

        # Names and lengths.
        @{ Case = 'an avatar name one character too long'; Command = 'New-AdsumoAvatar'; Parameters = @{ Name = 'a' * 51; ImageUrl = $image }; Id = 'Adsumo.NameTooLong' }
        @{ Case = 'a 10,000-character avatar name'; Command = 'New-AdsumoAvatar'; Parameters = @{ Name = 'n' * 10000; ImageUrl = $image }; Id = 'Adsumo.NameTooLong' }
        @{ Case = 'an empty product name'; Command = 'New-AdsumoProduct'; Parameters = (Copy-WithChange $product @{ Name = '' }); Id = $validation }
        @{ Case = 'a blank product name'; Command = 'New-AdsumoProduct'; Parameters = (Copy-WithChange $product @{ Name = '   ' }); Id = 'Adsumo.MissingValue' }
        @{ Case = 'a name of control characters only'; Command = 'New-AdsumoAvatar'; Parameters = @{ Name = "`t`r`n"; ImageUrl = $image }; Id = 'Adsumo.MissingValue' }
        @{ Case = 'a null description'; Command = 'New-AdsumoProduct'; Parameters = (Copy-WithChange $product @{ Description = $null }); Id = $validation }
        @{ Case = 'an empty prompt'; Command = 'New-AdsumoImage'; Parameters = @{ Prompt = ''; Model = 'fast'; AspectRatio = '1:1' }; Id = $validation }
        @{ Case = 'an empty voiceover text'; Command = 'New-AdsumoVoiceover'; Parameters = @{ Text = ''; VoiceId = 'EXAVITQu4vr4xnSDxMaL' }; Id = $validation }

        # URLs.
        @{ Case = 'an image URL that is not a URL'; Command = 'New-AdsumoProduct'; Parameters = (Copy-WithChange $product @{ ImageUrl = 'not a url' }); Id = 'Adsumo.InvalidUrl' }
        @{ Case = 'an ftp image URL'; Command = 'New-AdsumoProduct'; Parameters = (Copy-WithChange $product @{ ImageUrl = 'ftp://example.com/p.png' }); Id = 'Adsumo.InvalidUrl' }
        @{ Case = 'a javascript: image URL'; Command = 'New-AdsumoProduct'; Parameters = (Copy-WithChange $product @{ ImageUrl = 'javascript:alert(1)' }); Id = 'Adsumo.InvalidUrl' }
        @{ Case = 'a file: image URL'; Command = 'New-AdsumoAvatar'; Parameters = @{ Name = 'Face'; ImageUrl = 'file:///etc/passwd' }; Id = 'Adsumo.InvalidUrl' }
        @{ Case = 'a relative image URL'; Command = 'New-AdsumoAvatar'; Parameters = @{ Name = 'Face'; ImageUrl = '../../etc/passwd' }; Id = 'Adsumo.InvalidUrl' }
        @{ Case = 'a product link without a scheme'; Command = 'New-AdsumoProduct'; Parameters = (Copy-WithChange $product @{ Link = 'example.com/mug' }); Id = 'Adsumo.InvalidUrl' }

        # Currencies and prices.
        @{ Case = 'a four-letter currency'; Command = 'New-AdsumoProduct'; Parameters = (Copy-WithChange $product @{ Currency = 'EURO' }); Id = 'Adsumo.InvalidCurrency' }
        @{ Case = 'a currency with a symbol'; Command = 'New-AdsumoProduct'; Parameters = (Copy-WithChange $product @{ Currency = 'U$D' }); Id = 'Adsumo.InvalidCurrency' }
        @{ Case = 'a numeric currency'; Command = 'New-AdsumoProduct'; Parameters = (Copy-WithChange $product @{ Currency = '978' }); Id = 'Adsumo.InvalidCurrency' }
        # An empty optional value means "not given" (as an empty CSV column does), so a blank one is the bad value.
        @{ Case = 'a blank currency'; Command = 'New-AdsumoProduct'; Parameters = (Copy-WithChange $product @{ Currency = '   ' }); Id = 'Adsumo.MissingValue' }
        @{ Case = 'an empty mandatory aspect ratio'; Command = 'New-AdsumoImage'; Parameters = @{ Prompt = 'p'; Model = 'fast'; AspectRatio = '' }; Id = 'ParameterArgumentValidationErrorEmptyStringNotAllowed' }
        @{ Case = 'a null mandatory style id'; Command = 'New-AdsumoProductShot'; Parameters = @{ ProductId = $uuid; StyleId = $null; Model = 'fast'; AspectRatio = '1:1' }; Id = $validation }
        @{ Case = 'a negative price'; Command = 'New-AdsumoProduct'; Parameters = (Copy-WithChange $product @{ Price = -0.01 }); Id = 'Adsumo.InvalidPrice' }
        @{ Case = 'a price that is not a number'; Command = 'New-AdsumoProduct'; Parameters = (Copy-WithChange $product @{ Price = 'cheap' }); Id = $conversion }
        @{ Case = 'a price beyond any decimal'; Command = 'New-AdsumoProduct'; Parameters = (Copy-WithChange $product @{ Price = 1e30 }); Id = $conversion }

        # Values from fixed sets.
        @{ Case = 'an image model that does not exist'; Command = 'New-AdsumoImage'; Parameters = @{ Prompt = 'p'; Model = 'turbo'; AspectRatio = '1:1' }; Id = $validation }
        @{ Case = 'an 8k resolution'; Command = 'New-AdsumoImage'; Parameters = @{ Prompt = 'p'; Model = 'fast'; AspectRatio = '1:1'; Resolution = '8k' }; Id = $validation }
        @{ Case = 'a video model that does not exist'; Command = 'New-AdsumoAIVideo'; Parameters = @{ Prompt = 'p'; Model = 'sora-3' }; Id = $validation }
        @{ Case = 'a generation status that does not exist'; Command = 'Get-AdsumoGeneration'; Parameters = @{ Status = 'done' }; Id = $validation }
        @{ Case = 'a generation type that does not exist'; Command = 'Get-AdsumoGeneration'; Parameters = @{ Type = 'video' }; Id = $validation }
        @{ Case = 'an accent that does not exist'; Command = 'Get-AdsumoVoice'; Parameters = @{ Accent = 'martian' }; Id = $validation }
        @{ Case = 'an avatar type that does not exist'; Command = 'New-AdsumoTalkingAvatarVideo'; Parameters = @{ AvatarId = $uuid; AvatarType = 'Robot'; Script = 'Hi'; VoiceId = 'EXAVITQu4vr4xnSDxMaL' }; Id = $validation }
        @{ Case = 'a lipsync model that does not exist'; Command = 'New-AdsumoTalkingAvatarVideo'; Parameters = @{ AvatarId = $uuid; Script = 'Hi'; VoiceId = 'EXAVITQu4vr4xnSDxMaL'; LipsyncModel = 'lipsync-9' }; Id = $validation }
        @{ Case = 'an HTTP method the API does not take'; Command = 'Invoke-AdsumoRequest'; Parameters = @{ Method = 'TRACE'; Path = 'products' }; Id = $validation }

        # Aspect ratios, voice ids, style ids.
        @{ Case = 'an aspect ratio with an x'; Command = 'New-AdsumoImage'; Parameters = @{ Prompt = 'p'; Model = 'fast'; AspectRatio = '16x9' }; Id = 'Adsumo.InvalidAspectRatio' }
        @{ Case = 'an aspect ratio of zero'; Command = 'New-AdsumoImage'; Parameters = @{ Prompt = 'p'; Model = 'fast'; AspectRatio = '0:1' }; Id = 'Adsumo.InvalidAspectRatio' }
        @{ Case = 'an aspect ratio with SQL after it'; Command = 'New-AdsumoAIVideo'; Parameters = @{ Prompt = 'p'; Model = 'sora-2'; AspectRatio = "16:9'; DROP" }; Id = 'Adsumo.InvalidAspectRatio' }
        @{ Case = 'a voice id with spaces'; Command = 'New-AdsumoVoiceover'; Parameters = @{ Text = 'Hi'; VoiceId = 'Sarah the voice' }; Id = 'Adsumo.InvalidVoiceId' }
        @{ Case = 'a voice id of markup'; Command = 'New-AdsumoTalkingAvatarVideo'; Parameters = @{ AvatarId = $uuid; Script = 'Hi'; VoiceId = '<script>alert(1)</script>' }; Id = 'Adsumo.InvalidVoiceId' }
        @{ Case = 'a 129-character voice id'; Command = 'New-AdsumoVoiceover'; Parameters = @{ Text = 'Hi'; VoiceId = 'v' * 129 }; Id = 'Adsumo.InvalidVoiceId' }
        @{ Case = 'a style id with capitals and a space'; Command = 'New-AdsumoProductShot'; Parameters = @{ ProductId = $uuid; StyleId = 'Lifestyle Outdoor'; Model = 'fast'; AspectRatio = '1:1' }; Id = 'Adsumo.InvalidStyleId' }
        @{ Case = 'a style id that climbs the path'; Command = 'New-AdsumoProductShot'; Parameters = @{ ProductId = $uuid; StyleId = '../../etc/passwd'; Model = 'fast'; AspectRatio = '1:1' }; Id = 'Adsumo.InvalidStyleId' }

        # Quantities, durations, credits.
        @{ Case = 'zero images'; Command = 'New-AdsumoImage'; Parameters = @{ Prompt = 'p'; Model = 'fast'; AspectRatio = '1:1'; Quantity = 0 }; Id = $validation }
        @{ Case = 'nine images'; Command = 'New-AdsumoProductShot'; Parameters = @{ ProductId = $uuid; StyleId = 'studio'; Model = 'fast'; AspectRatio = '1:1'; Quantity = 9 }; Id = $validation }
        @{ Case = 'a quantity that is not a number'; Command = 'New-AdsumoImage'; Parameters = @{ Prompt = 'p'; Model = 'fast'; AspectRatio = '1:1'; Quantity = 'many' }; Id = $conversion }
        @{ Case = 'a zero-second video'; Command = 'New-AdsumoAIVideo'; Parameters = @{ Prompt = 'p'; Model = 'sora-2'; Duration = 0 }; Id = $validation }
        @{ Case = 'a negative credit limit'; Command = 'New-AdsumoImage'; Parameters = @{ Prompt = 'p'; Model = 'fast'; AspectRatio = '1:1'; MaxCredits = -1 }; Id = $validation }
        @{ Case = 'a creation above -MaxCredits'; Command = 'New-AdsumoImage'; Parameters = @{ Prompt = 'p'; Model = 'pro'; AspectRatio = '1:1'; Resolution = '4k'; Quantity = 8; MaxCredits = 31 }; Id = 'Adsumo.CreditLimitExceeded' }

        # Paging and waiting.
        @{ Case = 'a negative -First'; Command = 'Get-AdsumoProduct'; Parameters = @{ First = -1 }; Id = $conversion }
        @{ Case = 'a -Skip that is not a number'; Command = 'Get-AdsumoGeneration'; Parameters = @{ Skip = 'ten' }; Id = $conversion }
        @{ Case = 'a zero poll interval'; Command = 'Wait-AdsumoGeneration'; Parameters = @{ Id = $uuid; PollIntervalSeconds = 0 }; Id = $validation }
        @{ Case = 'a negative wait timeout'; Command = 'Wait-AdsumoGeneration'; Parameters = @{ Id = $uuid; TimeoutSeconds = -1 }; Id = $validation }
        @{ Case = 'a null connection'; Command = 'Get-AdsumoCredit'; Parameters = @{ Connection = $null }; Id = $validation; NoConnection = $true }

        # Connection settings and keys.
        @{ Case = '21 retries'; Command = 'Connect-Adsumo'; Parameters = @{ MaxRetries = 21 }; Id = $validation; Connect = $true }
        @{ Case = 'negative retries'; Command = 'Connect-Adsumo'; Parameters = @{ MaxRetries = -1 }; Id = $validation; Connect = $true }
        @{ Case = 'a zero request timeout'; Command = 'Connect-Adsumo'; Parameters = @{ RequestTimeoutSeconds = 0 }; Id = $validation; Connect = $true }
        @{ Case = 'a base retry delay above a minute'; Command = 'Connect-Adsumo'; Parameters = @{ RetryBaseDelaySeconds = 61 }; Id = $validation; Connect = $true }
        @{ Case = 'a key given as a hashtable'; Command = 'Connect-Adsumo'; Parameters = @{ ApiKey = @{ key = 'adsumo_sk_abcdefgh' } }; Id = $transformation; Connect = $true }
        @{ Case = 'an empty key'; Command = 'Connect-Adsumo'; Parameters = @{ ApiKey = '' }; Id = 'Adsumo.InvalidApiKey'; Connect = $true }
        @{ Case = 'a key with a control character'; Command = 'Connect-Adsumo'; Parameters = @{ ApiKey = "adsumo_sk_abcdefgh`0ijkl" }; Id = 'Adsumo.InvalidApiKey'; Connect = $true }
        @{ Case = 'a key of 10,000 characters'; Command = 'Connect-Adsumo'; Parameters = @{ ApiKey = 'adsumo_sk_' + 'k' * 10000 }; Id = 'Adsumo.InvalidApiKey'; Connect = $true }
        @{ Case = 'an ftp base URI'; Command = 'Connect-Adsumo'; Parameters = @{ BaseUri = 'ftp://adsumo.invalid/api/v1' }; Id = 'Adsumo.InvalidBaseUri'; Connect = $true }
        @{ Case = 'a base URI with a query'; Command = 'Connect-Adsumo'; Parameters = @{ BaseUri = 'https://adsumo.invalid/api/v1?debug=1' }; Id = 'Adsumo.InvalidBaseUri'; Connect = $true }

        # The generic request.
        @{ Case = 'an empty path'; Command = 'Invoke-AdsumoRequest'; Parameters = @{ Method = 'GET'; Path = '' }; Id = $validation }
        @{ Case = 'a path that climbs out of the API'; Command = 'Invoke-AdsumoRequest'; Parameters = @{ Method = 'GET'; Path = '../../_emulator/requests' }; Id = 'Adsumo.InvalidPath' }
        @{ Case = 'a body string that is not JSON'; Command = 'Invoke-AdsumoRequest'; Parameters = @{ Method = 'POST'; Path = 'products'; Body = '{"name": "unterminated' }; Id = 'Adsumo.InvalidBody' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ReliabilitySupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator
    $script:team = New-TestTeam -Emulator $emulator
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'Refusing bad input before sending anything' -ForEach @{ CaseCount = $badInputCases.Count } {
    BeforeAll {
        # The count docs/reliability.md quotes: the rows of the table, as run.
        Save-ReliabilityFigure -Section counts -Name 'bad input' -Value $CaseCount
    }

    It 'refuses <Case> with <Id>, sending nothing' -ForEach $badInputCases {
        $parameters = @{} + $Parameters
        if ($Connect) {
            if (-not $parameters.Contains('ApiKey')) { $parameters.ApiKey = New-TestKey }
            if (-not $parameters.Contains('BaseUri')) { $parameters.BaseUri = $emulator.BaseUri }
        }
        elseif (-not $NoConnection) {
            $parameters.Connection = $team.Connection
        }
        $command = Get-Command $Command
        Clear-EmulatorRequest -Emulator $emulator
        if ($command.Parameters.ContainsKey('Confirm')) { $parameters.Confirm = $false }
        $run = Invoke-Captured { & $command @parameters }

        $run.Errors.Count | Should -Be 1 -Because 'one bad value is one error'
        $run.Errors[0].FullyQualifiedErrorId | Should -Be "$Id,$($command.ImplementingType.FullName)"
        $run.Output.Count | Should -Be 0
        if ($Id -like 'Adsumo.*') {
            $run.Errors[0].CategoryInfo.Category | Should -BeIn @('InvalidArgument', 'QuotaExceeded')
            $run.Errors[0].Exception.ParamName | Should -Not -BeNullOrEmpty
        }
        # A hostile value is never echoed raw: no control or bidirectional-override character reaches the message.
        $run.Errors[0].ToString() | Should -Not -Match '[\p{Cc}\p{Cf}]'
        $run.Errors[0].ToString().Length | Should -BeLessThan 1000
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }
}
