# The limits the module checks before sending are the service's own. For every length and range it checks, the
# value at the limit passes the module (under -WhatIf too) and the emulator; one more is refused by the module before
# anything is sent, under -WhatIf too, and by the emulator when sent past the module's checks (Invoke-AdsumoRequest
# sends a body as it is). So -WhatIf never promises what the service refuses, nor refuses what it would accept.

BeforeDiscovery {
    $image = 'https://example.com/p.png'
    $product = @{ Name = 'Mug'; Description = 'A mug'; Category = 'Kitchen'; ImageUrl = $image }
    $productBody = @{ name = 'Mug'; description = 'A mug'; category = 'Kitchen'; image_url = $image }
    $avatar = @{ Name = 'Ava'; ImageUrl = $image }
    $avatarBody = @{ name = 'Ava'; image_url = $image }
    $emma = '6513270e-269e-4d37-b2a7-4de452e6b438'
    $sarah = 'EXAVITQu4vr4xnSDxMaL'
    $validation = 'ParameterArgumentValidationError'

    # Field: the module's parameter and the wire's field; Kind: how a value of a given size is made; Id: the module's
    # error one past the limit. '{product}' stands for a product of the test's team.
    $limitCases = @(
        @{ Field = 'a product name'; Command = 'New-AdsumoProduct'; Base = $product; Parameter = 'Name'; Path = 'products'; Body = $productBody; Wire = 'name'; Kind = 'Text'; Limit = 200; Id = 'Adsumo.NameTooLong' }
        @{ Field = 'a product description'; Command = 'New-AdsumoProduct'; Base = $product; Parameter = 'Description'; Path = 'products'; Body = $productBody; Wire = 'description'; Kind = 'Text'; Limit = 5000; Id = 'Adsumo.TextTooLong' }
        @{ Field = 'a product category'; Command = 'New-AdsumoProduct'; Base = $product; Parameter = 'Category'; Path = 'products'; Body = $productBody; Wire = 'category'; Kind = 'Text'; Limit = 200; Id = 'Adsumo.TextTooLong' }
        @{ Field = 'a product image URL'; Command = 'New-AdsumoProduct'; Base = $product; Parameter = 'ImageUrl'; Path = 'products'; Body = $productBody; Wire = 'image_url'; Kind = 'Url'; Limit = 2048; Id = 'Adsumo.InvalidUrl' }
        @{ Field = 'a product link'; Command = 'New-AdsumoProduct'; Base = $product; Parameter = 'Link'; Path = 'products'; Body = $productBody; Wire = 'link'; Kind = 'Url'; Limit = 2048; Id = 'Adsumo.InvalidUrl' }
        @{ Field = 'a custom avatar name'; Command = 'New-AdsumoAvatar'; Base = $avatar; Parameter = 'Name'; Path = 'avatars/custom'; Body = $avatarBody; Wire = 'name'; Kind = 'Text'; Limit = 50; Id = 'Adsumo.NameTooLong' }
        @{ Field = 'a custom avatar description'; Command = 'New-AdsumoAvatar'; Base = $avatar; Parameter = 'Description'; Path = 'avatars/custom'; Body = $avatarBody; Wire = 'description'; Kind = 'Text'; Limit = 5000; Id = 'Adsumo.TextTooLong' }
        @{ Field = 'a custom avatar image URL'; Command = 'New-AdsumoAvatar'; Base = $avatar; Parameter = 'ImageUrl'; Path = 'avatars/custom'; Body = $avatarBody; Wire = 'image_url'; Kind = 'Url'; Limit = 2048; Id = 'Adsumo.InvalidUrl' }
        @{ Field = 'an image prompt'; Command = 'New-AdsumoImage'; Base = @{ Prompt = 'p'; Model = 'fast'; AspectRatio = '1:1' }; Parameter = 'Prompt'; Path = 'images/text-to-image'; Body = @{ prompt = 'p'; model = 'fast'; aspect_ratio = '1:1' }; Wire = 'prompt'; Kind = 'Text'; Limit = 5000; Id = 'Adsumo.TextTooLong' }
        @{ Field = 'an image quantity'; Command = 'New-AdsumoImage'; Base = @{ Prompt = 'p'; Model = 'fast'; AspectRatio = '1:1' }; Parameter = 'Quantity'; Path = 'images/text-to-image'; Body = @{ prompt = 'p'; model = 'fast'; aspect_ratio = '1:1' }; Wire = 'quantity'; Kind = 'Number'; Limit = 8; Id = $validation }
        @{ Field = 'an AI video prompt'; Command = 'New-AdsumoAIVideo'; Base = @{ Prompt = 'p'; Model = 'sora-2'; Duration = 1 }; Parameter = 'Prompt'; Path = 'videos/ai-video'; Body = @{ prompt = 'p'; model = 'sora-2'; duration = 1 }; Wire = 'prompt'; Kind = 'Text'; Limit = 5000; Id = 'Adsumo.TextTooLong' }
        @{ Field = 'an AI video duration'; Command = 'New-AdsumoAIVideo'; Base = @{ Prompt = 'p'; Model = 'sora-2' }; Parameter = 'Duration'; Path = 'videos/ai-video'; Body = @{ prompt = 'p'; model = 'sora-2' }; Wire = 'duration'; Kind = 'Number'; Limit = 60; Id = $validation }
        @{ Field = 'a product shot style id'; Command = 'New-AdsumoProductShot'; Base = @{ ProductId = '{product}'; StyleId = 'studio'; Model = 'fast'; AspectRatio = '1:1' }; Parameter = 'StyleId'; Path = 'images/product-shots'; Body = @{ product_id = '{product}'; style_id = 'studio'; model = 'fast'; aspect_ratio = '1:1' }; Wire = 'style_id'; Kind = 'Slug'; Limit = 100; Id = 'Adsumo.InvalidStyleId' }
        @{ Field = 'a product shot additional prompt'; Command = 'New-AdsumoProductShot'; Base = @{ ProductId = '{product}'; StyleId = 'studio'; Model = 'fast'; AspectRatio = '1:1' }; Parameter = 'AdditionalPrompt'; Path = 'images/product-shots'; Body = @{ product_id = '{product}'; style_id = 'studio'; model = 'fast'; aspect_ratio = '1:1' }; Wire = 'additional_prompt'; Kind = 'Text'; Limit = 5000; Id = 'Adsumo.TextTooLong' }
        @{ Field = 'a talking-avatar script'; Command = 'New-AdsumoTalkingAvatarVideo'; Base = @{ AvatarId = $emma; VoiceId = $sarah; Script = 's' }; Parameter = 'Script'; Path = 'videos/talking-avatar'; Body = @{ avatar_id = $emma; avatar_type = 'platform'; voice_id = $sarah; script = 's' }; Wire = 'script'; Kind = 'Text'; Limit = 5000; Id = 'Adsumo.TextTooLong' }
        @{ Field = 'a voiceover text'; Command = 'New-AdsumoVoiceover'; Base = @{ Text = 't'; VoiceId = $sarah }; Parameter = 'Text'; Path = 'voiceovers/text-to-speech'; Body = @{ text = 't'; voice_id = $sarah }; Wire = 'text'; Kind = 'Text'; Limit = 5000; Id = 'Adsumo.TextTooLong' }
        @{ Field = 'a voiceover model'; Command = 'New-AdsumoVoiceover'; Base = @{ Text = 't'; VoiceId = $sarah }; Parameter = 'Model'; Path = 'voiceovers/text-to-speech'; Body = @{ text = 't'; voice_id = $sarah }; Wire = 'model'; Kind = 'Text'; Limit = 200; Id = 'Adsumo.TextTooLong' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ReliabilitySupport.psm1') -Force
    Import-TestModule
    # Credits enough for a 60-second AI video and a 5000-character script, several times.
    $script:emulator = Start-TestEmulator -Arguments @('--credits', '100000', '--generation-seconds', '0')
    $script:team = New-TestTeam -Emulator $emulator
    $script:productId = (New-AdsumoProduct -Name 'Mug' -Description 'A mug' -Category 'Kitchen' -ImageUrl 'https://example.com/p.png').Id

    function New-SizedValue([string] $Kind, [int] $Size) {
        # A value of exactly $Size characters (or the number itself) that is otherwise valid.
        switch ($Kind) {
            'Text' { 'x' * $Size }
            'Slug' { 'a' * $Size }
            'Url' { 'https://example.com/' + 'a' * ($Size - 'https://example.com/'.Length) }
            'Number' { $Size }
        }
    }

    function Resolve-Placeholder([hashtable] $Values) {
        $copy = @{}
        foreach ($name in $Values.Keys) { $copy[$name] = $Values[$name] -is [string] ? $Values[$name].Replace('{product}', $productId) : $Values[$name] }
        $copy
    }

    function Invoke-Limited([string] $Command, [hashtable] $Base, [string] $Parameter, $Value, [switch] $WhatIf) {
        $parameters = Resolve-Placeholder $Base
        $parameters[$Parameter] = $Value
        $parameters.Connection = $team.Connection
        if ($WhatIf) { $parameters.WhatIf = $true } else { $parameters.Confirm = $false }
        Invoke-Captured { & $Command @parameters }
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'The module checks <Field> against the limit the service keeps (<Limit>)' -ForEach $limitCases {
    It 'passes the value at the limit under -WhatIf, sending nothing' {
        Clear-EmulatorRequest -Emulator $emulator
        $run = Invoke-Limited $Command $Base $Parameter (New-SizedValue $Kind $Limit) -WhatIf
        $run.Errors | Should -BeNullOrEmpty
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'sends the value at the limit, and the service accepts it' {
        $run = Invoke-Limited $Command $Base $Parameter (New-SizedValue $Kind $Limit)
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 1
    }

    It 'refuses one more with <Id> before sending anything, under -WhatIf too' {
        foreach ($whatIf in $true, $false) {
            Clear-EmulatorRequest -Emulator $emulator
            $run = Invoke-Limited $Command $Base $Parameter (New-SizedValue $Kind ($Limit + 1)) -WhatIf:$whatIf
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
            @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
        }
    }

    It 'is refused by the service too one past the limit, naming the field' {
        $body = Resolve-Placeholder $Body
        $body[$Wire] = New-SizedValue $Kind ($Limit + 1)
        $run = Invoke-Captured { Invoke-AdsumoRequest -Method POST -Path $Path -Body $body -Connection $team.Connection -Confirm:$false }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'Adsumo.InvalidRequest,*'
        $run.Errors[0].Exception.Message | Should -Match "'$Wire'"
    }
}

Describe 'Optional text that is blank' {
    It 'is left out rather than sent, as the service refuses blank text: <Parameter> of <Command>' -ForEach @(
        @{ Command = 'New-AdsumoAvatar'; Parameter = 'Description'; Base = @{ Name = 'Ava'; ImageUrl = 'https://example.com/p.png' } }
        @{ Command = 'New-AdsumoProductShot'; Parameter = 'AdditionalPrompt'; Base = @{ ProductId = '{product}'; StyleId = 'studio'; Model = 'fast'; AspectRatio = '1:1' } }
    ) {
        $run = Invoke-Limited $Command $Base $Parameter '   '
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 1
    }
}
