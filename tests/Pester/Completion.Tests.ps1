# Tab completion through TabExpansion2, as the console runs it: fixed choices, suggestions, and ids read from the
# API with the connection the command would use.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator

    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'Completion of fixed choices' {
    It 'completes <Line> with <Expected>' -ForEach @(
        @{ Line = 'New-AdsumoImage -Model '; Expected = @('fast', 'pro') }
        @{ Line = 'New-AdsumoImage -Resolution '; Expected = @('1k', '2k', '4k') }
        @{ Line = 'New-AdsumoProductShot -Model p'; Expected = @('pro') }
        @{ Line = 'New-AdsumoAIVideo -Model '; Expected = @('sora-2', 'sora-2-pro', 'veo-3.1', 'veo-3.1-fast', 'kling-2.6') }
        @{ Line = 'New-AdsumoAIVideo -Model veo'; Expected = @('veo-3.1', 'veo-3.1-fast') }
        @{ Line = 'New-AdsumoTalkingAvatarVideo -LipsyncModel '; Expected = @('heygen-avatar4', 'lipsync-2.0') }
        @{ Line = 'New-AdsumoTalkingAvatarVideo -AvatarType '; Expected = @('Platform', 'Custom', 'Product') }
        @{ Line = 'Get-AdsumoVoice -Accent '; Expected = @('american', 'british', 'french', 'danish', 'swedish', 'german', 'norwegian', 'spanish', 'neutral') }
        @{ Line = 'Get-AdsumoVoice -AgeGroup '; Expected = @('kid', 'young_adult', 'adult', 'senior') }
        @{ Line = 'New-AdsumoImage -AspectRatio 16'; Expected = @('16:9') }
        @{ Line = 'New-AdsumoProductShot -StyleId lifestyle'; Expected = @('lifestyle-outdoor', 'lifestyle-indoor') }
    ) {
        # PowerShell sorts the choices of a ValidateSet; suggestions keep their order.
        ((Get-Completion $Line).CompletionText | Sort-Object) | Should -Be ($Expected | Sort-Object)
    }
}

Describe 'Completion of ids from the API' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'lists the voice ids for -VoiceId of New-AdsumoVoiceover and New-AdsumoTalkingAvatarVideo' {
        $voices = Get-AdsumoVoice
        $voices.Count | Should -BeGreaterThan 1
        (Get-Completion 'New-AdsumoVoiceover -VoiceId ').CompletionText | Should -Be $voices.Id
        (Get-Completion 'New-AdsumoTalkingAvatarVideo -AvatarId x -Script hi -VoiceId ').CompletionText | Should -Be $voices.Id
    }

    It 'shows voice names, and completes a voice id from the start of its name' {
        $sarah = Get-AdsumoVoice -Name 'Sarah'
        $sarah | Should -Not -BeNullOrEmpty
        $completions = Get-Completion 'New-AdsumoVoiceover -VoiceId Sar'
        $completions.CompletionText | Should -Be @($sarah.Id)
        $completions.ListItemText | Should -Be @('Sarah')
    }

    It 'lists the team''s product ids for -ProductId, and only the team''s' {
        $ids = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 3 }).products
        $other = New-TestTeam -Emulator $emulator
        $null = Add-EmulatorData -Emulator $emulator -Key $other.Key -Data @{ products = 2 }
        $null = Connect-Adsumo -ApiKey $team.Key -BaseUri $emulator.BaseUri
        ((Get-Completion 'New-AdsumoProductShot -ProductId ').CompletionText | Sort-Object) | Should -Be ($ids | Sort-Object)
    }

    It 'lists the platform and custom avatar ids for -AvatarId' {
        $custom = New-AdsumoAvatar -Name 'Founder' -ImageUrl 'https://example.com/faces/founder.png'
        $expected = @((Get-AdsumoAvatar -Type Platform).Id) + $custom.Id
        ((Get-Completion 'New-AdsumoTalkingAvatarVideo -AvatarId ').CompletionText | Sort-Object) | Should -Be ($expected | Sort-Object)
    }

    It 'uses the connection given with -Connection on the command line' {
        $other = New-TestTeam -Emulator $emulator
        $otherIds = (Add-EmulatorData -Emulator $emulator -Key $other.Key -Data @{ products = 2 }).products
        $null = Connect-Adsumo -ApiKey $team.Key -BaseUri $emulator.BaseUri
        $otherConnection = $other.Connection
        ((Get-Completion 'New-AdsumoProductShot -Connection $otherConnection -ProductId ').CompletionText | Sort-Object) | Should -Be ($otherIds | Sort-Object)
    }

    It 'never completes one team''s ids for another whose key ends alike' {
        # Keys are shown as prefix and last four characters, so these two look the same in a connection.
        $ending = 'a1b2'
        $first = New-TestTeam -Emulator $emulator -Key ((New-TestKey) + $ending)
        $firstIds = (Add-EmulatorData -Emulator $emulator -Key $first.Key -Data @{ products = 2 }).products
        ((Get-Completion 'New-AdsumoProductShot -ProductId ').CompletionText | Sort-Object) | Should -Be ($firstIds | Sort-Object)
        $second = New-TestTeam -Emulator $emulator -Key ((New-TestKey) + $ending)
        $second.Connection.ApiKey | Should -Be $first.Connection.ApiKey
        $secondIds = (Add-EmulatorData -Emulator $emulator -Key $second.Key -Data @{ products = 1 }).products
        (Get-Completion 'New-AdsumoProductShot -ProductId ').CompletionText | Should -Be @($secondIds)
    }

    It 'reads each list once a minute at most, not at every Tab' {
        $null = Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 2 }
        Clear-EmulatorRequest -Emulator $emulator
        $once = (Get-Completion 'New-AdsumoProductShot -ProductId ').CompletionText
        $twice = (Get-Completion 'New-AdsumoProductShot -ProductId ').CompletionText
        $twice | Should -Be $once
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object path -Like '*/products').Count | Should -Be 1
    }

    It 'completes nothing, without an error, when there is no connection' {
        Disconnect-Adsumo
        $Error.Clear()
        Get-Completion 'New-AdsumoVoiceover -VoiceId ' | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }

    It 'completes nothing, without an error and within a few seconds, when the service cannot be reached' {
        # A loopback port with nothing listening: every attempt is refused.
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start()
        $port = $probe.LocalEndpoint.Port
        $probe.Stop()
        # Through the environment variables, which Connect-Adsumo's check of the key would not get past; their
        # connection retries refused connections with second-long backoffs, well past the completer's budget.
        Disconnect-Adsumo
        $env:ADSUMO_API_KEY = New-TestKey
        $env:ADSUMO_BASE_URI = "http://127.0.0.1:$port/api/v1"
        try {
            $Error.Clear()
            $clock = [Diagnostics.Stopwatch]::StartNew()
            Get-Completion 'New-AdsumoVoiceover -VoiceId ' | Should -BeNullOrEmpty
            # The completer's budget is 3 s; the margin is for a slow, shared machine.
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 15
            $Error.Count | Should -Be 0
        }
        finally { Remove-Item Env:ADSUMO_API_KEY, Env:ADSUMO_BASE_URI -ErrorAction SilentlyContinue }
    }
}
