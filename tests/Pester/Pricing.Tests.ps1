# What the creation cmdlets spend: every priced combination is estimated exactly as the emulator charges it, the
# confirmation states it, -WhatIf and -MaxCredits send nothing, a 402 creates nothing, and faults never make the
# module send a paid request twice.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator
    $setup = New-TestTeam -Emulator $emulator
    $script:avatarId = (Get-AdsumoAvatar -Type Platform -Connection $setup.Connection | Select-Object -First 1).Id
    $script:voiceId = (Get-AdsumoVoice -Connection $setup.Connection -First 1).Id


    function Get-CreditsUsed { (Get-AdsumoCredit).Used }
}

BeforeDiscovery {
    # The published price of one image, by model and resolution (api/adsumo-api-v1.md, section 2), times quantity.
    $prices = @{ 'fast/1k' = 1; 'fast/2k' = 2; 'fast/4k' = 2; 'pro/1k' = 2; 'pro/2k' = 2; 'pro/4k' = 4 }
    $imageCases = foreach ($pair in $prices.Keys | Sort-Object) {
        $model, $resolution = $pair -split '/'
        foreach ($quantity in 1, 3, 8) {
            @{ Model = $model; Resolution = $resolution; Quantity = $quantity; Expected = $prices[$pair] * $quantity }
        }
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'The estimate of each priced combination is what the emulator charges' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'a talking-avatar script of <Length> characters costs <Expected> credits' -ForEach @(
        @{ Length = 1; Expected = 20 }
        @{ Length = 250; Expected = 20 }
        @{ Length = 251; Expected = 40 }
        @{ Length = 500; Expected = 40 }
        @{ Length = 2000; Expected = 160 }
        @{ Length = 2500; Expected = 160 }
    ) {
        $before = Get-CreditsUsed
        $generation = New-AdsumoTalkingAvatarVideo -AvatarId $avatarId -Script ('a' * $Length) -VoiceId $voiceId
        $generation.EstimatedCredits | Should -Be $Expected
        ((Get-CreditsUsed) - $before) | Should -Be $generation.EstimatedCredits
    }

    It '<Quantity> <Model> image(s) at <Resolution> cost <Expected> credits' -ForEach $imageCases {
        $before = Get-CreditsUsed
        $generation = New-AdsumoImage -Prompt 'A bottle' -Model $Model -AspectRatio 1:1 -Resolution $Resolution -Quantity $Quantity
        $generation.EstimatedCredits | Should -Be $Expected
        ((Get-CreditsUsed) - $before) | Should -Be $generation.EstimatedCredits
    }

    It '<Quantity> <Model> product shot(s) at <Resolution> cost <Expected> credits' -ForEach $imageCases {
        $productId = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 1 }).products[0]
        $before = Get-CreditsUsed
        $generation = New-AdsumoProductShot -ProductId $productId -StyleId studio-white -Model $Model -AspectRatio 1:1 -Resolution $Resolution -Quantity $Quantity
        $generation.EstimatedCredits | Should -Be $Expected
        ((Get-CreditsUsed) - $before) | Should -Be $generation.EstimatedCredits
    }

    It 'an AI video of <Seconds> seconds costs <Expected> credits' -ForEach @(
        @{ Seconds = 1; Expected = 10 }
        @{ Seconds = 8; Expected = 80 }
        @{ Seconds = $null; Expected = 100 }
        @{ Seconds = 25; Expected = 250 }
        @{ Seconds = 60; Expected = 600 }
    ) {
        $parameters = @{ Prompt = 'Waves'; Model = 'kling-2.6' }
        if ($Seconds) { $parameters.Duration = $Seconds }
        $before = Get-CreditsUsed
        $generation = New-AdsumoAIVideo @parameters
        $generation.EstimatedCredits | Should -Be $Expected
        ((Get-CreditsUsed) - $before) | Should -Be $generation.EstimatedCredits
    }

    It 'a voiceover costs 1 credit' {
        $before = Get-CreditsUsed
        $null = New-AdsumoVoiceover -Text 'Stay cold for 24 hours.' -VoiceId $voiceId
        ((Get-CreditsUsed) - $before) | Should -Be 1
    }

    It 'a talking-avatar video over a voiceover made in this session is priced by that voiceover''s text' {
        $voiceover = New-AdsumoVoiceover -Text ('b' * 600) -VoiceId $voiceId
        $before = Get-CreditsUsed
        { New-AdsumoTalkingAvatarVideo -AvatarId $avatarId -VoiceoverId $voiceover.Id -MaxCredits 59 -ErrorAction Stop } |
            Should -Throw -ErrorId 'Adsumo.CreditLimitExceeded,Adsumo.Commands.NewAdsumoTalkingAvatarVideoCommand'
        $generation = New-AdsumoTalkingAvatarVideo -AvatarId $avatarId -VoiceoverId $voiceover.Id -MaxCredits 60
        $generation.EstimatedCredits | Should -Be 60
        ((Get-CreditsUsed) - $before) | Should -Be 60
    }

    It 'a talking-avatar video over a voiceover made elsewhere is estimated at up to the 160-credit maximum' {
        # Made through the generic request, so the module never saw its text.
        $voiceover = Invoke-AdsumoRequest -Method POST -Path voiceovers/text-to-speech -Body @{ text = 'Hi.'; voice_id = $voiceId }
        New-AdsumoTalkingAvatarVideo -AvatarId $avatarId -VoiceoverId $voiceover.id -MaxCredits 159 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.CreditLimitExceeded,Adsumo.Commands.NewAdsumoTalkingAvatarVideoCommand'
        $failures[0].ToString() | Should -Match '20 to 160 credits'
        $before = Get-CreditsUsed
        $generation = New-AdsumoTalkingAvatarVideo -AvatarId $avatarId -VoiceoverId $voiceover.id -MaxCredits 160
        $generation.EstimatedCredits | Should -Be 160
        # The charge is within the range: a three-character text costs the minimum.
        ((Get-CreditsUsed) - $before) | Should -Be 20
    }
}

Describe '-WhatIf' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'states the credits of each kind of creation and sends nothing' {
        # -WhatIf writes to the host, which only a separate pwsh lets a test read. It connects through the
        # environment variables, which send nothing by themselves, so the log must stay empty.
        $product = [guid]::NewGuid()
        $script = @"
Import-Module '$env:ADSUMO_TEST_MODULE'
New-AdsumoTalkingAvatarVideo -AvatarId $avatarId -Script ('a' * 251) -VoiceId $voiceId -WhatIf
New-AdsumoTalkingAvatarVideo -AvatarId $avatarId -VoiceoverId $([guid]::NewGuid()) -WhatIf
New-AdsumoAIVideo -Prompt 'Waves' -Model sora-2 -Duration 7 -WhatIf
New-AdsumoImage -Prompt 'A bottle' -Model pro -AspectRatio 1:1 -Resolution 4k -Quantity 3 -WhatIf
New-AdsumoImage -Prompt 'A bottle' -Model fast -AspectRatio 1:1 -WhatIf
New-AdsumoProductShot -ProductId $product -StyleId studio-white -Model fast -AspectRatio 1:1 -Resolution 2k -Quantity 5 -WhatIf
New-AdsumoVoiceover -Text 'Hello' -VoiceId $voiceId -WhatIf
"@
        Clear-EmulatorRequest -Emulator $emulator
        $child = Invoke-ChildPwsh -Script $script -Environment @{ ADSUMO_API_KEY = $team.Key; ADSUMO_BASE_URI = $emulator.BaseUri }
        $child.ExitCode | Should -Be 0
        $whatIf = @($child.Output | Where-Object { $_ -like 'What if:*' })
        $whatIf.Count | Should -Be 7
        $whatIf[0] | Should -Match 'spending 40 credits.*talking-avatar video .*251 characters'
        $whatIf[1] | Should -Match 'spending 20 to 160 credits.*talking-avatar video'
        $whatIf[2] | Should -Match 'spending 70 credits.*AI video \(sora-2, 7 s\)'
        $whatIf[3] | Should -Match 'spending 12 credits.*image \(pro, 4k'
        $whatIf[4] | Should -Match 'spending 1 credit".*image \(fast, 1k'
        $whatIf[5] | Should -Match "spending 10 credits.*product shot of $product"
        $whatIf[6] | Should -Match 'spending 1 credit".*voiceover'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
        (Get-AdsumoCredit).Used | Should -Be 0
    }

    It 'sends nothing in this session either, whatever the command' {
        $productId = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 1 }).products[0]
        Clear-EmulatorRequest -Emulator $emulator
        $output = @(
            New-AdsumoTalkingAvatarVideo -AvatarId $avatarId -Script 'Hi.' -VoiceId $voiceId -WhatIf
            New-AdsumoAIVideo -Prompt 'Waves' -Model sora-2 -WhatIf -Wait
            New-AdsumoImage -Prompt 'A bottle' -Model fast -AspectRatio 1:1 -WhatIf
            New-AdsumoProductShot -ProductId $productId -StyleId studio-white -Model fast -AspectRatio 1:1 -WhatIf
            New-AdsumoVoiceover -Text 'Hello' -VoiceId $voiceId -WhatIf
        )
        $output.Count | Should -Be 0
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
        @(Get-AdsumoGeneration).Count | Should -Be 0
        (Get-AdsumoCredit).Used | Should -Be 0
    }
}

Describe '-MaxCredits' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'refuses <Case> (<Max> credits) under a lower -MaxCredits before sending it, and lets it through at <Max>' -ForEach @(
        @{ Case = 'a 251-character script'; Max = 40; Command = 'New-AdsumoTalkingAvatarVideo'; Splat = @{ Script = 'c' * 251 } }
        @{ Case = 'an 8-second AI video'; Max = 80; Command = 'New-AdsumoAIVideo'; Splat = @{ Prompt = 'Waves'; Model = 'veo-3.1'; Duration = 8 } }
        @{ Case = 'three pro images at 4k'; Max = 12; Command = 'New-AdsumoImage'; Splat = @{ Prompt = 'A bottle'; Model = 'pro'; AspectRatio = '1:1'; Resolution = '4k'; Quantity = 3 } }
        @{ Case = 'five fast product shots at 2k'; Max = 10; Command = 'New-AdsumoProductShot'; Splat = @{ StyleId = 'studio-white'; Model = 'fast'; AspectRatio = '1:1'; Resolution = '2k'; Quantity = 5 } }
    ) {
        $parameters = $Splat.Clone()
        switch ($Command) {
            'New-AdsumoTalkingAvatarVideo' { $parameters.AvatarId = $avatarId; $parameters.VoiceId = $voiceId }
            'New-AdsumoProductShot' { $parameters.ProductId = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 1 }).products[0] }
        }
        Clear-EmulatorRequest -Emulator $emulator
        & $Command @parameters -MaxCredits ($Max - 1) -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "Adsumo.CreditLimitExceeded,Adsumo.Commands.$($Command -replace '-', '')Command"
        $failures[0].CategoryInfo.Category | Should -Be 'QuotaExceeded'
        $failures[0].ToString() | Should -Match "$Max credits"
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0

        $generation = & $Command @parameters -MaxCredits $Max
        $generation.EstimatedCredits | Should -Be $Max
        (Get-AdsumoCredit).Used | Should -Be $Max
    }
}

Describe 'Too few credits (402)' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'gives Adsumo.InsufficientCredits and creates nothing for a team whose limit is too low' {
        Set-EmulatorSetting -Emulator $emulator -Setting @{ credits = 30 }
        $Error.Clear()
        try {
            $poor = New-TestTeam -Emulator $emulator
            { New-AdsumoAIVideo -Prompt 'Waves' -Model sora-2 -Duration 5 -ErrorAction Stop } |
                Should -Throw -ErrorId 'Adsumo.InsufficientCredits,Adsumo.Commands.NewAdsumoAIVideoCommand'
            $failure = $Error[0]
            $failure.CategoryInfo.Category | Should -Be 'QuotaExceeded'
            $failure.Exception.StatusCode | Should -Be 402
            $failure.Exception.ErrorCode | Should -Be 'insufficient_credits'
            @(Get-AdsumoGeneration -Connection $poor.Connection).Count | Should -Be 0
            $credits = Get-AdsumoCredit -Connection $poor.Connection
            $credits.Used | Should -Be 0
            $credits.Limit | Should -Be 30
        }
        finally { Set-EmulatorSetting -Emulator $emulator -Setting @{ credits = 600 } }
    }

    It 'gives Adsumo.InsufficientCredits once the credits are spent, and keeps what was made' {
        $first = New-AdsumoAIVideo -Prompt 'Waves' -Model sora-2 -Duration 59
        New-AdsumoImage -Prompt 'A bottle' -Model pro -AspectRatio 1:1 -Resolution 4k -Quantity 3 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.InsufficientCredits,Adsumo.Commands.NewAdsumoImageCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'QuotaExceeded'
        (Get-AdsumoGeneration).Id | Should -Be @($first.Id)
        (Get-AdsumoCredit).Used | Should -Be 590
        # What still fits goes through.
        (New-AdsumoImage -Prompt 'A bottle' -Model pro -AspectRatio 1:1 -Resolution 4k -Quantity 2).EstimatedCredits | Should -Be 8
        (Get-AdsumoCredit).Used | Should -Be 598
    }
}

Describe 'A paid request is never sent twice' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }
    AfterEach { Clear-EmulatorFault -Emulator $emulator }

    It 'makes at most one generation per creation when 500s strike <Timing> the work is done' -ForEach @(
        @{ Timing = 'after' }
        @{ Timing = 'before' }
    ) {
        $count = 8
        Clear-EmulatorRequest -Emulator $emulator
        # Seeded, so the same requests fail on every run; both outcomes occur among the eight.
        Set-EmulatorFault -Emulator $emulator -Fault @{ error_rate = 0.5; seed = 1; timing = $Timing }
        $made = @(1..$count | ForEach-Object {
                New-AdsumoImage -Prompt "Bottle $_" -Model fast -AspectRatio 1:1 -ErrorVariable +failures -ErrorAction SilentlyContinue
            })
        Clear-EmulatorFault -Emulator $emulator
        $failures.Count | Should -BeGreaterThan 0
        $made.Count | Should -BeGreaterThan 0
        ($made.Count + $failures.Count) | Should -Be $count
        $failures.FullyQualifiedErrorId | Sort-Object -Unique | Should -Be 'Adsumo.ServerError,Adsumo.Commands.NewAdsumoImageCommand'
        # The module cannot tell a lost answer from a refused request, so each error says it was not resent and where to look.
        foreach ($failure in $failures) {
            $failure.ToString() | Should -Match 'not sent again'
            $failure.ErrorDetails.RecommendedAction | Should -Match 'may have been created.*Get-AdsumoGeneration'
        }
        $posts = @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -EQ 'POST')
        $posts.Count | Should -Be $count
        $onServer = @(Get-AdsumoGeneration)
        $onServer.Count | Should -BeLessOrEqual $count
        foreach ($generation in $made) { $onServer.Id | Should -Contain $generation.Id }
        # A lost answer leaves a generation behind; a refused request does not.
        $onServer.Count | Should -Be $(if ($Timing -eq 'after') { $count } else { $made.Count })
        (Get-AdsumoCredit).Used | Should -Be $onServer.Count
    }

    It 'retries a 429 and creates each generation exactly once' {
        $count = 8
        Clear-EmulatorRequest -Emulator $emulator
        Set-EmulatorFault -Emulator $emulator -Fault @{ rate_limit_rate = 0.5; seed = 1; retry_after_seconds = 0 }
        $made = @(1..$count | ForEach-Object { New-AdsumoImage -Prompt "Bottle $_" -Model fast -AspectRatio 1:1 -ErrorVariable +failures })
        Clear-EmulatorFault -Emulator $emulator
        $failures.Count | Should -Be 0
        $made.Count | Should -Be $count
        $posts = @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -EQ 'POST')
        @($posts | Where-Object status -EQ 429).Count | Should -BeGreaterThan 0
        @($posts | Where-Object status -EQ 202).Count | Should -Be $count
        $onServer = @(Get-AdsumoGeneration)
        ($onServer.Id | Sort-Object) | Should -Be ($made.Id | Sort-Object)
        (Get-AdsumoCredit).Used | Should -Be $count
    }
}
