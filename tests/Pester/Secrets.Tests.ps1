# The API key never shows: every cmdlet is run with a unique key under -Verbose -Debug -InformationAction Continue
# inside Start-Transcript, failing calls included (401, 403, 404, 409, 500 after retries, a refused connection, a
# bad key, plain http), and no run of 12 characters of any key's secret part may appear in any stream, error,
# output object, the transcript or the servers' request logs. The key is also never sent where it does not
# belong: over plain http to another machine, to a result file's host, or across a redirect to another host.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ReliabilitySupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator -Arguments @('--generation-seconds', '0.2')
    $script:server = Start-TestScenarioServer

    function Find-Secret {
        # The runs of 12 characters of any of the keys that occur in the text, so a failure names what leaked where.
        param([string] $Text, [string[]] $Keys)
        foreach ($key in $Keys) {
            $secret = if ($key.StartsWith('adsumo_sk_')) { $key.Substring(10) } else { $key }
            for ($i = 0; $i + 12 -le $secret.Length; $i++) {
                $window = $secret.Substring($i, 12)
                if ($Text.Contains($window, [StringComparison]::Ordinal)) { "'$window' of a key" }
            }
        }
    }
}

AfterAll {
    Disconnect-Adsumo
    Remove-Item Env:ADSUMO_API_KEY, Env:ADSUMO_BASE_URI -ErrorAction SilentlyContinue
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
    if ($script:server) { Stop-LoopbackServer $script:server }
}

Describe 'The key appears nowhere' {
    BeforeAll {
        $script:key = New-TestKey
        $script:keys = @(
            $key
            # Refused by the emulator with 401 (not its key pattern), though well-formed for the module.
            ($script:unauthorizedKey = 'adsumo_sk_bad-' + [guid]::NewGuid().ToString('D'))
            # A team below the Starter tier: 403.
            ($script:freeKey = 'adsumo_sk_free_' + [guid]::NewGuid().ToString('N'))
            # Refused by the module itself: a space, and no adsumo_sk_ prefix.
            ($script:spacedKey = 'adsumo_sk_' + [guid]::NewGuid().ToString('N') + ' tail')
            ($script:unprefixedKey = 'sk_live_' + [guid]::NewGuid().ToString('N'))
        )
        $script:folder = Join-Path ([IO.Path]::GetTempPath()) ('adsumo-secrets-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $folder
        $transcript = Join-Path $folder 'transcript.txt'
        Clear-EmulatorRequest -Emulator $emulator
        Clear-ScenarioRequest -Server $server

        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $script:shell = [powershell]::Create()
        $shell.Runspace = $runspace
        $null = $shell.AddScript("Import-Module '$($env:ADSUMO_TEST_MODULE)' -ErrorAction Stop").AddStatement().AddScript({
                param($Key, $UnauthorizedKey, $FreeKey, $SpacedKey, $UnprefixedKey, $BaseUri, $FailingUri, $RefusedUri, $Transcript, $Folder)
                $ProgressPreference = 'Continue'
                $on = @{ Verbose = $true; Debug = $true; InformationAction = 'Continue' }
                $null = Start-Transcript -Path $Transcript
                # Each call's objects go to the output (serialized later) and to the host (so into the transcript);
                # an error that ends a call is kept in the error stream, and the next call goes on.
                function Step([scriptblock] $Call) {
                    try {
                        $result = @(& $Call)
                        $result | Out-Host
                        $result
                    }
                    catch {
                        Write-Error -ErrorRecord $_
                    }
                }

                Step { Connect-Adsumo -ApiKey $Key -BaseUri $BaseUri -PassThru -MaxRetries 1 -RetryBaseDelaySeconds 0.05 @on }
                Step { Get-AdsumoConnection @on }
                Step { Get-AdsumoCredit @on }
                $product = Step { New-AdsumoProduct -Name 'Secret test' -Description d -Category c -ImageUrl https://example.com/p.png -Price 9.5 -Currency eur @on }
                Step { Get-AdsumoProduct @on }
                Step { Get-AdsumoProduct -Id $product.Id @on }
                $avatar = Step { New-AdsumoAvatar -Name Face -ImageUrl https://example.com/face.png @on }
                $platform = Step { Get-AdsumoAvatar -Type Platform @on } | Select-Object -First 1
                Step { Get-AdsumoAvatar @on }
                $voice = Step { Get-AdsumoVoice -First 1 @on }
                Step { New-AdsumoVoiceover -Text 'Hello there' -VoiceId $voice.Id -OutFile (Join-Path $Folder 'voiceover.mp3') @on }
                $generations = @(
                    Step { New-AdsumoImage -Prompt 'a cup' -Model fast -AspectRatio 1:1 @on }
                    Step { New-AdsumoAIVideo -Prompt 'a cup' -Model sora-2 -Duration 5 @on }
                    Step { New-AdsumoTalkingAvatarVideo -AvatarId $platform.Id -Script 'Hello' -VoiceId $voice.Id @on }
                    Step { New-AdsumoProductShot -ProductId $product.Id -StyleId lifestyle-outdoor -Model fast -AspectRatio 1:1 @on }
                )
                Step { $generations | Wait-AdsumoGeneration -PollIntervalSeconds 0.1 @on | Save-AdsumoGeneration -Path $Folder @on }
                Step { Get-AdsumoGeneration @on }
                Step { Invoke-AdsumoRequest -Method GET -Path account/credits @on }
                Step { Invoke-AdsumoRequest -Method POST -Path products -Body @{ name = 'Raw'; description = 'd'; category = 'c'; image_url = 'https://example.com/r.png' } @on }
                # The key doubles as a webhook secret, another secret the module must not show.
                $body = '{"event":"generation.completed","generation_id":"' + $generations[0].Id + '","status":"completed"}'
                $hmac = [System.Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($Key))
                $signature = -join ($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes($body)) | ForEach-Object { $_.ToString('x2') })
                Step { Test-AdsumoWebhookSignature -Body $body -Signature $signature -Secret $Key @on }
                Step { Test-AdsumoWebhookSignature -Body $body -Signature ('0' * 64) -Secret $Key @on }
                Step { ConvertFrom-AdsumoWebhook -Body $body -Signature $signature -Secret $Key @on }
                Step { ConvertFrom-AdsumoWebhook -Body $body -Signature ('0' * 64) -Secret $Key @on }
                # Failing calls: 409 (the product shot uses the product), 404, 401, 403, bad keys, plain http,
                # a refused connection, 503 after retries, a creation not resent, a path outside the API.
                Step { Remove-AdsumoProduct -Id $product.Id -Force @on }
                Step { Remove-AdsumoAvatar -Id $avatar.Id -Force @on }
                Step { Get-AdsumoProduct -Id ([guid]::NewGuid()) @on }
                Step { Connect-Adsumo -ApiKey $UnauthorizedKey -BaseUri $BaseUri @on }
                Step { Connect-Adsumo -ApiKey $FreeKey -BaseUri $BaseUri @on }
                Step { Connect-Adsumo -ApiKey $SpacedKey -BaseUri $BaseUri @on }
                Step { Connect-Adsumo -ApiKey $UnprefixedKey -BaseUri $BaseUri @on }
                Step { Connect-Adsumo -ApiKey $Key -BaseUri 'http://adsumo.invalid/api/v1' @on }
                Step { Connect-Adsumo -ApiKey $Key -BaseUri $RefusedUri -MaxRetries 1 -RetryBaseDelaySeconds 0.05 @on }
                $failing = Step { Connect-Adsumo -ApiKey $Key -BaseUri $FailingUri -PassThru -MaxRetries 2 -RetryBaseDelaySeconds 0.05 @on }
                Step { Get-AdsumoProduct -Connection $failing @on }
                Step { New-AdsumoProduct -Name Failing -Description d -Category c -ImageUrl https://example.com/p.png -Connection $failing @on }
                Step { Invoke-AdsumoRequest -Method GET -Path 'https://adsumo.invalid/api/v1/products' -Connection $failing @on }
                Step { Disconnect-Adsumo @on }
                Step {
                    $env:ADSUMO_API_KEY = $Key
                    $env:ADSUMO_BASE_URI = 'http://adsumo.invalid/api/v1'
                    try { Get-AdsumoCredit @on } finally { Remove-Item Env:ADSUMO_API_KEY, Env:ADSUMO_BASE_URI }
                }
                $null = Stop-Transcript
            }).AddParameters(@{
                Key = $key; UnauthorizedKey = $unauthorizedKey; FreeKey = $freeKey; SpacedKey = $spacedKey; UnprefixedKey = $unprefixedKey
                BaseUri = $emulator.BaseUri; FailingUri = (Get-ScenarioUri -Server $server -Scenario always-503)
                RefusedUri = "http://127.0.0.1:$(Get-FreeLoopbackPort)/api/v1"; Transcript = $transcript; Folder = $folder
            })
        $script:output = @($shell.Invoke())
        $script:errors = @($shell.Streams.Error)
        $script:transcriptText = Get-Content $transcript -Raw
        $script:emulatorLog = @(Get-EmulatorRequest -Emulator $emulator)
        $script:emulatorLogText = (Invoke-WebRequest -Uri "$($emulator.Root)/_emulator/requests").Content
        $script:scenarioLogText = (Invoke-WebRequest -Uri "$($server.Root)/_scenario/requests").Content
        $runspace.Dispose()
    }

    AfterAll {
        if ($script:shell) { $shell.Dispose() }
        Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'ran every cmdlet and every failure it was meant to' {
        $commands = @($output | ForEach-Object { $_.GetType().Name } | Sort-Object -Unique)
        $commands | Should -Contain 'Connection'
        $commands | Should -Contain 'Product'
        $commands | Should -Contain 'Generation'
        $commands | Should -Contain 'FileInfo'
        $commands | Should -Contain 'WebhookEvent'
        @($output | Where-Object { $_ -is [Adsumo.Generation] -and $_.Status -eq 'completed' }).Count | Should -Be 4
        @($output | Where-Object { $_ -is [IO.FileInfo] }).Count | Should -Be 4
        $ids = @($errors.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] })
        foreach ($expected in 'Adsumo.Conflict', 'Adsumo.NotFound', 'Adsumo.Unauthorized', 'Adsumo.Forbidden', 'Adsumo.InvalidApiKey',
            'Adsumo.InsecureBaseUri', 'Adsumo.NetworkError', 'Adsumo.ServerError', 'Adsumo.InvalidPath', 'Adsumo.InvalidSignature') {
            $ids | Should -Contain $expected
        }
        # Both bad keys, the plain-http connect and the environment's plain-http base URI were refused.
        @($ids | Where-Object { $_ -eq 'Adsumo.InvalidApiKey' }).Count | Should -Be 2
        @($ids | Where-Object { $_ -eq 'Adsumo.InsecureBaseUri' }).Count | Should -Be 2
        @($ids | Where-Object { $_ -eq 'Adsumo.ServerError' }).Count | Should -Be 2
        # Nothing else failed: 13 failures, the ten kinds above, counted.
        $errors.Count | Should -Be 13
        $shell.Streams.Verbose.Count | Should -BeGreaterThan 20
        $shell.Streams.Debug.Count | Should -BeGreaterThan 20
        $shell.Streams.Progress.Count | Should -BeGreaterThan 0
    }

    It 'has a leak detector that finds a leak when there is one' {
        Find-Secret -Text ('...' + $key.Substring(20, 12) + '...') -Keys $keys | Should -Not -BeNullOrEmpty
        Find-Secret -Text $unprefixedKey.ToUpperInvariant().Substring(0, 8) -Keys $keys | Should -BeNullOrEmpty
    }

    It 'shows only the masked key: prefix and last four characters' {
        $hint = 'adsumo_sk_****' + $key.Substring($key.Length - 4)
        @($shell.Streams.Verbose.Message -like "*$hint*").Count | Should -BeGreaterThan 0
        ($output | Where-Object { $_ -is [Adsumo.Connection] } | Select-Object -First 1).ApiKey | Should -Be $hint
    }

    It 'leaks nothing in the transcript' {
        $transcriptText | Should -Match 'VERBOSE: '
        $transcriptText | Should -Match 'DEBUG: Sending '
        Find-Secret -Text $transcriptText -Keys $keys | Should -BeNullOrEmpty
    }

    It 'leaks nothing in the verbose, debug, information, warning and progress streams' {
        $text = @(
            $shell.Streams.Verbose.Message
            $shell.Streams.Debug.Message
            $shell.Streams.Information | ForEach-Object { "$($_.MessageData) $($_.Tags -join ' ') $($_.Source)" }
            $shell.Streams.Warning.Message
            $shell.Streams.Progress | ForEach-Object { "$($_.Activity) $($_.StatusDescription) $($_.CurrentOperation)" }
        ) -join "`n"
        Find-Secret -Text $text -Keys $keys | Should -BeNullOrEmpty
    }

    It 'leaks nothing in any error, its exception or an inner exception' {
        $text = foreach ($record in $errors) {
            $record.ToString()
            $record | Out-String -Width 500
            "$($record.ErrorDetails.Message) $($record.ErrorDetails.RecommendedAction) $($record.TargetObject) $($record.CategoryInfo)"
            $record | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue
            for ($e = $record.Exception; $e; $e = $e.InnerException) { $e.ToString(); $e.Message }
        }
        $errors.Count | Should -BeGreaterThan 0
        Find-Secret -Text ($text -join "`n") -Keys $keys | Should -BeNullOrEmpty
    }

    It 'leaks nothing in any output object serialized with ConvertTo-Json -Depth 10' {
        $text = foreach ($item in $output) { $item | ConvertTo-Json -Depth 10 -WarningAction SilentlyContinue }
        Find-Secret -Text ($text -join "`n") -Keys $keys | Should -BeNullOrEmpty
    }

    It 'leaks nothing in the emulator''s or the scenario server''s request log' {
        $emulatorLog.Count | Should -BeGreaterThan 20
        Find-Secret -Text $emulatorLogText -Keys $keys | Should -BeNullOrEmpty
        Find-Secret -Text $scenarioLogText -Keys $keys | Should -BeNullOrEmpty
    }

    It 'never sent the key to a result file''s host' {
        $files = @($emulatorLog | Where-Object path -Like '/_files/*')
        # Four generations and one voiceover were downloaded, each without the key.
        $files.Count | Should -BeGreaterOrEqual 5
        @($files | Where-Object authorization).Count | Should -Be 0
        @($emulatorLog | Where-Object path -Like '/api/v1/*' | Where-Object { -not $_.authorization }).Count | Should -Be 0
    }
}

Describe 'Where the key is never sent' {
    AfterEach { Remove-Item Env:ADSUMO_API_KEY, Env:ADSUMO_BASE_URI -ErrorAction SilentlyContinue }

    It 'refuses plain http to another machine in Connect-Adsumo, before any request' -ForEach @(
        # Names under .invalid never resolve, so even a broken check could not reach anything.
        @{ Uri = 'http://adsumo.invalid/api/v1' }
        @{ Uri = 'HTTP://API.ADSUMO.INVALID:8080/api/v1' }
        @{ Uri = 'http://localhost.adsumo.invalid/api/v1' }
        @{ Uri = 'http://127.0.0.1.adsumo.invalid/api/v1' }
    ) {
        { Connect-Adsumo -ApiKey (New-TestKey) -BaseUri $Uri } | Should -Throw -ErrorId 'Adsumo.InsecureBaseUri,Adsumo.Commands.ConnectAdsumoCommand'
    }

    It 'allows plain http to this machine only (the emulator)' {
        (Connect-Adsumo -ApiKey (New-TestKey) -BaseUri $emulator.BaseUri -PassThru).BaseUri.Scheme | Should -Be 'http'
    }

    It 'refuses plain http to another machine in the HTTP core too, when the base URI comes from the environment' {
        Disconnect-Adsumo
        $env:ADSUMO_API_KEY = New-TestKey
        $env:ADSUMO_BASE_URI = 'http://adsumo.invalid/api/v1'
        { Get-AdsumoCredit } | Should -Throw -ErrorId 'Adsumo.InsecureBaseUri,Adsumo.Commands.GetAdsumoCreditCommand'
    }

    It 'refuses a full URL outside the API in Invoke-AdsumoRequest' {
        $team = New-TestTeam -Emulator $emulator
        Clear-EmulatorRequest -Emulator $emulator
        { Invoke-AdsumoRequest -Method GET -Path "$($emulator.Root)/_emulator/requests" -Connection $team.Connection } |
            Should -Throw -ErrorId 'Adsumo.InvalidPath,Adsumo.Commands.InvokeAdsumoRequestCommand'
        { Invoke-AdsumoRequest -Method GET -Path '../../_emulator/requests' -Connection $team.Connection } |
            Should -Throw -ErrorId 'Adsumo.InvalidPath,Adsumo.Commands.InvokeAdsumoRequestCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'does not follow a redirect to another host, so the key never reaches it' {
        $connection = Connect-Scenario -Server $server -Scenario redirect-other-host
        Clear-ScenarioRequest -Server $server
        $run = Invoke-Captured { Get-AdsumoProduct -Connection $connection }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.InvalidResponse,Adsumo.Commands.GetAdsumoProductCommand'
        $run.Errors[0].Exception.Message | Should -Match 'redirected to another host \(http://localhost:\d+\)'
        $requests = @(Get-ScenarioRequest -Server $server)
        $requests.Count | Should -Be 1
        $requests[0].authorization | Should -BeTrue
        @($requests | Where-Object { $_.host -like 'localhost*' -or $_.scenario -eq 'landing' }).Count | Should -Be 0
    }

    It 'follows a redirect within the API''s own host, with the key' {
        $connection = Connect-Scenario -Server $server -Scenario redirect-same-host
        Clear-ScenarioRequest -Server $server
        @(Get-AdsumoProduct -Connection $connection).Count | Should -Be 3
        $requests = @(Get-ScenarioRequest -Server $server)
        ($requests.scenario -join ',') | Should -Be 'redirect-same-host,ok'
        @($requests | Where-Object authorization).Count | Should -Be 2
    }

    It 'fetches result files without the key, wherever they are' {
        $connection = Connect-Scenario -Server $server -Scenario file-ok
        $folder = Join-Path ([IO.Path]::GetTempPath()) ('adsumo-secrets-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $folder
        try {
            Clear-ScenarioRequest -Server $server
            $saved = Save-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Path $folder -Connection $connection
            $saved.Length | Should -Be 262144
            $requests = @(Get-ScenarioRequest -Server $server)
            ($requests | ForEach-Object { "$($_.path -replace '^/file-ok', '' -replace '/4444.*$', '') $($_.authorization)" }) -join ',' |
                Should -Be '/api/v1/generations True,/files False'
        }
        finally {
            Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
