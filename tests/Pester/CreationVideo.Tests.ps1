# New-AdsumoTalkingAvatarVideo and New-AdsumoAIVideo against the emulator: what they send, what they write, -Wait,
# failures, and the checks made before anything is sent. Prices are in Pricing.Tests.ps1.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    # Short generations, so that -Wait tests finish quickly; they poll every 0.1 s.
    $script:emulator = Start-TestEmulator -Arguments '--generation-seconds', '0.5'
    $script:voiceId = (Get-AdsumoVoice -Connection (New-TestTeam -Emulator $emulator).Connection -First 1).Id
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'New-AdsumoTalkingAvatarVideo' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'takes the id and the type of a platform avatar piped from Get-AdsumoAvatar' {
        $avatar = Get-AdsumoAvatar -Type Platform | Select-Object -First 1
        $generation = $avatar | New-AdsumoTalkingAvatarVideo -Script 'Meet the Trail Bottle.' -VoiceId $voiceId
        $generation | Should -BeOfType ([Adsumo.Generation])
        $generation.Status | Should -Be 'processing'
        $generation.Type | Should -Be 'talking-avatar'
        $generation.EstimatedCredits | Should -Be 20
        $details = (Get-AdsumoGeneration -Id $generation.Id).Details
        $details.AvatarId | Should -Be $avatar.Id
        $details.AvatarType | Should -Be 'platform'
        $details.Script | Should -Be 'Meet the Trail Bottle.'
        $details.VoiceId | Should -Be $voiceId
    }

    It 'takes the id and the custom type of an avatar piped from New-AdsumoAvatar' {
        # Sent as a platform avatar, the emulator would refuse this id: only the piped type makes it work.
        $generation = New-AdsumoAvatar -Name 'Founder' -ImageUrl 'https://example.com/faces/founder.png' |
            New-AdsumoTalkingAvatarVideo -Script 'Hello from the founder.' -VoiceId $voiceId
        $avatar = Get-AdsumoAvatar -Type Custom
        $details = (Get-AdsumoGeneration -Id $generation.Id).Details
        $details.AvatarId | Should -Be $avatar.Id
        $details.AvatarType | Should -Be 'custom'
    }

    It 'uses a product as the avatar with -AvatarType Product, and sends the lip-sync model' {
        $productId = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 1 }).products[0]
        $generation = New-AdsumoTalkingAvatarVideo -AvatarId $productId -AvatarType Product -Script 'Look at me.' -VoiceId $voiceId -LipsyncModel lipsync-2.0
        $details = (Get-AdsumoGeneration -Id $generation.Id).Details
        $details.AvatarId | Should -Be $productId
        $details.AvatarType | Should -Be 'product'
        $details.LipsyncModel | Should -Be 'lipsync-2.0'
    }

    It 'leaves the lip-sync model to the service when not given' {
        $avatar = Get-AdsumoAvatar -Type Platform | Select-Object -First 1
        $generation = New-AdsumoTalkingAvatarVideo -AvatarId $avatar.Id -Script 'Hi.' -VoiceId $voiceId
        # The emulator's default is the documented heygen-avatar4.
        (Get-AdsumoGeneration -Id $generation.Id).Details.LipsyncModel | Should -Be 'heygen-avatar4'
    }

    It 'waits with -Wait and writes the completed video, which saves as an MP4' {
        $avatar = Get-AdsumoAvatar -Type Platform | Select-Object -First 1
        $done = $avatar | New-AdsumoTalkingAvatarVideo -Script 'Short.' -VoiceId $voiceId -Wait -PollIntervalSeconds 0.1
        $done.Status | Should -Be 'completed'
        $done.ResultUrl | Should -Not -BeNullOrEmpty
        # Made first: Save-AdsumoGeneration refuses a folder that does not exist yet, though its help says it makes one.
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'videos')
        $file = $done | Save-AdsumoGeneration -Path $folder.FullName
        $file.Extension | Should -Be '.mp4'
        [Text.Encoding]::ASCII.GetString((Get-FileMagic $file.FullName 4 4)) | Should -Be 'ftyp'
    }

    It 'fails with -Wait as Adsumo.GenerationFailed carrying the emulator''s reason for a [fail] script' {
        $avatar = Get-AdsumoAvatar -Type Platform | Select-Object -First 1
        $output = $avatar | New-AdsumoTalkingAvatarVideo -Script 'Please [fail] now.' -VoiceId $voiceId -Wait -PollIntervalSeconds 0.1 `
            -ErrorVariable failures -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.GenerationFailed,Adsumo.Commands.NewAdsumoTalkingAvatarVideoCommand'
        $failed = Get-AdsumoGeneration -Id $failures[0].TargetObject
        $failed.Status | Should -Be 'failed'
        $failed.ErrorMessage | Should -Not -BeNullOrEmpty
        $failures[0].ToString() | Should -Match ([regex]::Escape($failed.ErrorMessage))
    }

    It 'refuses <Case> before sending anything' -ForEach @(
        @{ Case = 'an avatar id that is not a UUID'; Splat = @{ AvatarId = 'emma' }; Id = 'Adsumo.InvalidId' }
        @{ Case = 'a voice id with spaces'; Splat = @{ VoiceId = 'Sarah the voice' }; Id = 'Adsumo.InvalidVoiceId' }
        @{ Case = 'a blank script'; Splat = @{ Script = '   ' }; Id = 'Adsumo.MissingValue' }
        @{ Case = 'an empty script'; Splat = @{ Script = '' }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'an unknown avatar type'; Splat = @{ AvatarType = 'Robot' }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'an unknown lip-sync model'; Splat = @{ LipsyncModel = 'lipsync-3.0' }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'a negative -MaxCredits'; Splat = @{ MaxCredits = -1 }; Id = 'ParameterArgumentValidationError' }
    ) {
        $parameters = @{ AvatarId = [guid]::NewGuid().ToString(); Script = 'Hello.'; VoiceId = $voiceId }
        foreach ($key in $Splat.Keys) { $parameters[$key] = $Splat[$key] }
        Clear-EmulatorRequest -Emulator $emulator
        { New-AdsumoTalkingAvatarVideo @parameters } | Should -Throw -ErrorId "$Id,Adsumo.Commands.NewAdsumoTalkingAvatarVideoCommand"
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'refuses a voiceover id that is not a UUID before sending anything' {
        Clear-EmulatorRequest -Emulator $emulator
        { New-AdsumoTalkingAvatarVideo -AvatarId ([guid]::NewGuid()) -VoiceoverId 'vo-1' } |
            Should -Throw -ErrorId 'Adsumo.InvalidId,Adsumo.Commands.NewAdsumoTalkingAvatarVideoCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'refuses a script with a voiceover as an ambiguous parameter set' {
        Clear-EmulatorRequest -Emulator $emulator
        { New-AdsumoTalkingAvatarVideo -AvatarId ([guid]::NewGuid()) -Script 'Hi.' -VoiceoverId ([guid]::NewGuid()) } |
            Should -Throw -ErrorId 'AmbiguousParameterSet,Adsumo.Commands.NewAdsumoTalkingAvatarVideoCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'refuses -Script without -VoiceId as a missing mandatory parameter' {
        # In a runspace without a host, so that PowerShell reports the missing -VoiceId instead of prompting for it.
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript('param($Module, $Connection) Import-Module $Module; New-AdsumoTalkingAvatarVideo -AvatarId ([guid]::NewGuid()) -Script "Hi." -Connection $Connection').
                AddArgument($env:ADSUMO_TEST_MODULE).AddArgument($team.Connection)
            Clear-EmulatorRequest -Emulator $emulator
            $output = $shell.Invoke()
            $output | Should -BeNullOrEmpty
            @($shell.Streams.Error).FullyQualifiedErrorId | Should -Be @('MissingMandatoryParameter,Adsumo.Commands.NewAdsumoTalkingAvatarVideoCommand')
            @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
        }
        finally { $shell.Dispose() }
    }
}

Describe 'New-AdsumoAIVideo' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'sends the <Model> model with the prompt, aspect ratio and duration' -ForEach @(
        @{ Model = 'sora-2' }, @{ Model = 'sora-2-pro' }, @{ Model = 'veo-3.1' }, @{ Model = 'veo-3.1-fast' }, @{ Model = 'kling-2.6' }
    ) {
        $generation = New-AdsumoAIVideo -Prompt 'A bottle on a summit at dawn' -Model $Model -AspectRatio 9:16 -Duration 3
        $generation | Should -BeOfType ([Adsumo.Generation])
        $generation.Status | Should -Be 'processing'
        $generation.Type | Should -Be 'ai-video'
        $generation.EstimatedCredits | Should -Be 30
        $details = (Get-AdsumoGeneration -Id $generation.Id).Details
        $details.Model | Should -Be $Model
        $details.Prompt | Should -Be 'A bottle on a summit at dawn'
        $details.AspectRatio | Should -Be '9:16'
        $details.Duration | Should -Be 3
    }

    It 'sends a duration of 10 seconds when none is given, so the price is known' {
        $generation = New-AdsumoAIVideo -Prompt 'Waves' -Model veo-3.1-fast
        $generation.EstimatedCredits | Should -Be 100
        (Get-AdsumoGeneration -Id $generation.Id).Details.Duration | Should -Be 10
    }

    It 'takes prompts and models from the pipeline by property name and waits for all of them' {
        $rows = @(
            [pscustomobject]@{ Prompt = 'Sunrise'; Model = 'sora-2'; Duration = 1 }
            [pscustomobject]@{ Prompt = 'Sunset'; Model = 'kling-2.6'; Duration = 2 }
        )
        $done = $rows | New-AdsumoAIVideo -Wait -PollIntervalSeconds 0.1
        $done.Count | Should -Be 2
        $done.Status | Should -Be @('completed', 'completed')
        $made = Get-AdsumoGeneration -Type ai-video
        ($made.Id | Sort-Object) | Should -Be ($done.Id | Sort-Object)
        $file = $done[0] | Save-AdsumoGeneration -Path (New-Item -ItemType Directory (Join-Path $TestDrive 'ai')).FullName
        [Text.Encoding]::ASCII.GetString((Get-FileMagic $file.FullName 4 4)) | Should -Be 'ftyp'
    }

    It 'reports a [fail] prompt as a non-terminating Adsumo.GenerationFailed and still writes the others' {
        $rows = @(
            [pscustomobject]@{ Prompt = 'A fine video'; Model = 'sora-2' }
            [pscustomobject]@{ Prompt = 'A [fail] video'; Model = 'sora-2' }
        )
        $done = $rows | New-AdsumoAIVideo -Duration 1 -Wait -PollIntervalSeconds 0.1 -ErrorVariable failures -ErrorAction SilentlyContinue
        @($done).Count | Should -Be 1
        $done.Status | Should -Be 'completed'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.GenerationFailed,Adsumo.Commands.NewAdsumoAIVideoCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $failed = Get-AdsumoGeneration -Id $failures[0].TargetObject
        $failed.Details.Prompt | Should -Be 'A [fail] video'
        $failures[0].ToString() | Should -Match ([regex]::Escape($failed.ErrorMessage))
    }

    It 'refuses <Case> before sending anything' -ForEach @(
        @{ Case = 'an unknown model'; Splat = @{ Model = 'sora-3' }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'a duration of 0'; Splat = @{ Duration = 0 }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'a negative duration'; Splat = @{ Duration = -5 }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'an empty prompt'; Splat = @{ Prompt = '' }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'a blank prompt'; Splat = @{ Prompt = " `t " }; Id = 'Adsumo.MissingValue' }
        @{ Case = 'a bad aspect ratio'; Splat = @{ AspectRatio = '16x9' }; Id = 'Adsumo.InvalidAspectRatio' }
        @{ Case = 'an aspect ratio of zero'; Splat = @{ AspectRatio = '0:1' }; Id = 'Adsumo.InvalidAspectRatio' }
    ) {
        $parameters = @{ Prompt = 'A bottle'; Model = 'sora-2' }
        foreach ($key in $Splat.Keys) { $parameters[$key] = $Splat[$key] }
        Clear-EmulatorRequest -Emulator $emulator
        { New-AdsumoAIVideo @parameters } | Should -Throw -ErrorId "$Id,Adsumo.Commands.NewAdsumoAIVideoCommand"
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }
}
