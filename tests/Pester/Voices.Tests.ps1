# Get-AdsumoVoice (server-side filters, client-side names, paging) and New-AdsumoVoiceover (synchronous, usable as
# a talking-avatar voiceover, saved safely with -OutFile) against the emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator

    # The emulator's voices read without the module, as the reference the cmdlet's output is compared with.
    function Get-RawVoices([hashtable] $Query = @{}, [string] $Key = $team.Key) {
        $pairs = @('limit=100') + @($Query.Keys | Sort-Object | ForEach-Object { "$_=$($Query[$_])" })
        Invoke-RestMethod -Uri "$($emulator.BaseUri)/voices?$($pairs -join '&')" -Headers @{ Authorization = "Bearer $Key" }
    }

}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'Get-AdsumoVoice' {
    BeforeAll {
        $script:team = New-TestTeam -Emulator $emulator
        $script:all = (Get-RawVoices).data
    }
    BeforeEach { Clear-EmulatorRequest -Emulator $emulator }

    It 'lists every voice with all its fields' {
        $voices = Get-AdsumoVoice
        $voices.Count | Should -Be $all.Count
        $voices[0] | Should -BeOfType ([Adsumo.Voice])
        $voices.Id | Should -Be $all.id
        $voices.Name | Should -Be $all.name
        $voices.Gender | Should -Be $all.gender
        $voices.AgeGroup | Should -Be $all.age_group
        $voices.Accent | Should -Be $all.accent
        $voices.Style | Should -Be $all.style
        $voices.PreviewAudioUrl | Should -Be $all.preview_audio_url
        # Voice ids are opaque, not UUIDs.
        $voices.Id | Where-Object { $_ -notmatch '^[0-9a-f-]{36}$' } | Should -Not -BeNullOrEmpty
    }

    It 'filters on the server by <Case>' -ForEach @(
        @{ Case = 'gender'; Splat = @{ Gender = 'female' }; Query = @{ gender = 'female' } }
        @{ Case = 'age group'; Splat = @{ AgeGroup = 'young_adult' }; Query = @{ age_group = 'young_adult' } }
        @{ Case = 'accent'; Splat = @{ Accent = 'british' }; Query = @{ accent = 'british' } }
        @{ Case = 'style'; Splat = @{ Style = 'whisper' }; Query = @{ style = 'whisper' } }
        @{ Case = 'gender and accent'; Splat = @{ Gender = 'male'; Accent = 'french' }; Query = @{ gender = 'male'; accent = 'french' } }
        @{ Case = 'all four'; Splat = @{ Gender = 'female'; AgeGroup = 'senior'; Accent = 'british'; Style = 'professional' }; Query = @{ gender = 'female'; age_group = 'senior'; accent = 'british'; style = 'professional' } }
        @{ Case = 'a combination nobody has'; Splat = @{ Gender = 'other'; Accent = 'danish' }; Query = @{ gender = 'other'; accent = 'danish' } }
    ) {
        $expected = @((Get-RawVoices -Query $Query).data)
        Clear-EmulatorRequest -Emulator $emulator
        $voices = @(Get-AdsumoVoice @Splat)
        $voices.Count | Should -Be $expected.Count
        if ($expected.Count) { $voices.Id | Should -Be $expected.id }
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        $requests.Count | Should -Be 1
        $sent = [Web.HttpUtility]::ParseQueryString($requests[0].query)
        foreach ($name in $Query.Keys) { $sent[$name] | Should -Be $Query[$name] }
        # Only the filters given, besides paging.
        ($sent.AllKeys | Where-Object { $_ -notin 'limit', 'offset' } | Sort-Object) | Should -Be ($Query.Keys | Sort-Object)
    }

    It 'matches -Name with wildcards, ignoring case, without sending the name' {
        $voices = Get-AdsumoVoice -Name 's*'
        $expected = $all | Where-Object name -Like 's*'
        $expected | Should -Not -BeNullOrEmpty
        $voices.Name | Should -Be $expected.name
        Get-EmulatorRequest -Emulator $emulator | ForEach-Object { $_.query | Should -Not -Match 'name' }
    }

    It 'combines -Name with the server filters' {
        $voices = Get-AdsumoVoice -Gender male -Name '*s'
        $expected = (Get-RawVoices -Query @{ gender = 'male' }).data | Where-Object name -Like '*s'
        @($expected).Count | Should -BeGreaterThan 1
        $voices.Id | Should -Be $expected.id
        (Get-EmulatorRequest -Emulator $emulator)[0].query | Should -Match 'gender=male'
    }

    It 'pages on the server with -First and -Skip' {
        $voices = Get-AdsumoVoice -First 3 -Skip 2
        $voices.Id | Should -Be $all[2..4].id
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        $requests.Count | Should -Be 1
        $requests[0].query | Should -Be 'limit=3&offset=2'
    }

    It 'pages a filtered list with -First and -Skip' {
        $female = (Get-RawVoices -Query @{ gender = 'female' }).data
        $voices = Get-AdsumoVoice -Gender female -First 2 -Skip 1
        $voices.Id | Should -Be $female[1..2].id
    }

    It 'writes the total first with -IncludeTotalCount, filtered or not' {
        $output = Get-AdsumoVoice -First 1 -IncludeTotalCount
        $output.Count | Should -Be 2
        $output[0].ToString() | Should -Match "\b$($all.Count)\b"
        $output[1] | Should -BeOfType ([Adsumo.Voice])
        $british = @((Get-RawVoices -Query @{ accent = 'british' }).data)
        (Get-AdsumoVoice -Accent british -First 1 -IncludeTotalCount)[0].ToString() | Should -Match "\b$($british.Count)\b"
    }

    It 'counts and pages the name matches with -Name' {
        $expected = @($all | Where-Object name -Like '*a*')
        $output = Get-AdsumoVoice -Name '*a*' -Skip 1 -First 2 -IncludeTotalCount
        $output[0].ToString() | Should -Match "\b$($expected.Count)\b"
        $output[1..2].Id | Should -Be $expected[1..2].id
    }

    It 'refuses an unknown <Parameter> before sending anything' -ForEach @(
        @{ Parameter = 'Gender'; Value = 'robot' }
        @{ Parameter = 'AgeGroup'; Value = 'teen' }
        @{ Parameter = 'Accent'; Value = 'martian' }
        @{ Parameter = 'Style'; Value = 'shouting' }
    ) {
        $splat = @{ $Parameter = $Value }
        { Get-AdsumoVoice @splat } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Adsumo.Commands.GetAdsumoVoiceCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }
}

Describe 'New-AdsumoVoiceover' {
    BeforeAll {
        $setup = New-TestTeam -Emulator $emulator
        $script:voiceId = (Get-AdsumoVoice -Connection $setup.Connection -Accent british -First 1).Id
        $script:avatarId = (Get-AdsumoAvatar -Connection $setup.Connection -Type Platform | Select-Object -First 1).Id
    }
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'makes the voiceover at once, for 1 credit' {
        $voiceover = New-AdsumoVoiceover -Text 'Stay cold for 24 hours.' -VoiceId $voiceId
        $voiceover | Should -BeOfType ([Adsumo.Voiceover])
        $voiceover.Id | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        $voiceover.Status | Should -Be 'completed'
        $voiceover.Duration | Should -BeGreaterThan 0
        $voiceover.AudioUrl | Should -Match '^http'
        $voiceover.VoiceId | Should -Be $voiceId
        $voiceover.Text | Should -Be 'Stay cold for 24 hours.'
        $voiceover.Path | Should -BeNullOrEmpty
        (Get-AdsumoCredit).Used | Should -Be 1
    }

    It 'gives an id that a talking-avatar video speaks with -VoiceoverId' {
        $voiceover = New-AdsumoVoiceover -Text 'Meet the Trail Bottle.' -VoiceId $voiceId
        $video = New-AdsumoTalkingAvatarVideo -AvatarId $avatarId -VoiceoverId $voiceover.Id
        $details = (Get-AdsumoGeneration -Id $video.Id).Details
        $details.VoiceoverId | Should -Be $voiceover.Id
        $details.Script | Should -Be 'Meet the Trail Bottle.'
        $details.VoiceId | Should -Be $voiceId
    }

    It 'sends -Model and -VoiceSettings as the service expects them' {
        # The emulator refuses voice_settings that is not a JSON object.
        $voiceover = New-AdsumoVoiceover -Text 'Hello.' -VoiceId $voiceId -Model eleven_multilingual_v2 -VoiceSettings @{ stability = 0.4; similarity_boost = 0.8; style = @{ nested = $true } }
        $voiceover.Status | Should -Be 'completed'
    }

    It 'makes one voiceover per text piped in' {
        $voiceovers = 'One.', 'Two.', 'Three.' | New-AdsumoVoiceover -VoiceId $voiceId
        $voiceovers.Count | Should -Be 3
        $voiceovers.Text | Should -Be @('One.', 'Two.', 'Three.')
        ($voiceovers.Id | Sort-Object -Unique).Count | Should -Be 3
        (Get-AdsumoCredit).Used | Should -Be 3
    }

    It 'saves the audio as an MP3 with -OutFile' {
        $file = Join-Path $TestDrive 'line.mp3'
        $voiceover = New-AdsumoVoiceover -Text 'Hello.' -VoiceId $voiceId -OutFile $file
        $voiceover.Path | Should -Be $file
        [Text.Encoding]::ASCII.GetString((Get-FileMagic $file 0 3)) | Should -Be 'ID3'
        # Only the finished file is left: no temporary file beside it.
        (Get-ChildItem $TestDrive -Force).Name | Should -Be @('line.mp3')
    }

    It 'refuses to overwrite a file without -Force, before spending anything' {
        $file = Join-Path $TestDrive 'taken.mp3'
        Set-Content -Path $file -Value 'keep me' -NoNewline
        Clear-EmulatorRequest -Emulator $emulator
        { New-AdsumoVoiceover -Text 'Hello.' -VoiceId $voiceId -OutFile $file } | Should -Throw -ErrorId 'Adsumo.FileExists,Adsumo.Commands.NewAdsumoVoiceoverCommand'
        Get-Content $file -Raw | Should -Be 'keep me'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
        (Get-AdsumoCredit).Used | Should -Be 0
    }

    It 'overwrites a file with -Force' {
        $file = Join-Path $TestDrive 'replace.mp3'
        Set-Content -Path $file -Value 'old' -NoNewline
        $null = New-AdsumoVoiceover -Text 'Hello.' -VoiceId $voiceId -OutFile $file -Force
        [Text.Encoding]::ASCII.GetString((Get-FileMagic $file 0 3)) | Should -Be 'ID3'
        (Get-Item $file).Length | Should -BeGreaterThan 3
    }

    It 'refuses a folder that does not exist before spending anything' {
        Clear-EmulatorRequest -Emulator $emulator
        { New-AdsumoVoiceover -Text 'Hello.' -VoiceId $voiceId -OutFile (Join-Path $TestDrive 'missing/line.mp3') } |
            Should -Throw -ErrorId 'Adsumo.FolderNotFound,Adsumo.Commands.NewAdsumoVoiceoverCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'sends nothing with -WhatIf' {
        Clear-EmulatorRequest -Emulator $emulator
        New-AdsumoVoiceover -Text 'Hello.' -VoiceId $voiceId -OutFile (Join-Path $TestDrive 'whatif.mp3') -WhatIf
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
        Test-Path (Join-Path $TestDrive 'whatif.mp3') | Should -BeFalse
    }

    It 'refuses <Case> before sending anything' -ForEach @(
        @{ Case = 'a voice id with spaces'; Splat = @{ VoiceId = 'Sarah voice' }; Id = 'Adsumo.InvalidVoiceId' }
        @{ Case = 'an empty text'; Splat = @{ Text = '' }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'a blank text'; Splat = @{ Text = '   ' }; Id = 'Adsumo.MissingValue' }
        @{ Case = 'voice settings JSON cannot carry'; Splat = @{ VoiceSettings = @{ stability = { 'a script block' } } }; Id = 'Adsumo.InvalidBody' }
    ) {
        $parameters = @{ Text = 'Hello.'; VoiceId = $voiceId }
        foreach ($key in $Splat.Keys) { $parameters[$key] = $Splat[$key] }
        Clear-EmulatorRequest -Emulator $emulator
        { New-AdsumoVoiceover @parameters } | Should -Throw -ErrorId "$Id,Adsumo.Commands.NewAdsumoVoiceoverCommand"
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'passes on the service''s Adsumo.InvalidRequest for a voice it does not know' {
        New-AdsumoVoiceover -Text 'Hello.' -VoiceId 'NoSuchVoice123' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.InvalidRequest,Adsumo.Commands.NewAdsumoVoiceoverCommand'
        $failures[0].TargetObject | Should -Be 'NoSuchVoice123'
        $failures[0].Exception.Param | Should -Be 'voice_id'
        (Get-AdsumoCredit).Used | Should -Be 0
    }

    It 'sends a voiceover once when its answer is lost, and says it may have been made' {
        Clear-EmulatorRequest -Emulator $emulator
        Set-EmulatorFault -Emulator $emulator -Fault @{ error_rate = 1; timing = 'after' }
        try {
            New-AdsumoVoiceover -Text 'Hello.' -VoiceId $voiceId -ErrorVariable failures -ErrorAction SilentlyContinue
        }
        finally { Clear-EmulatorFault -Emulator $emulator }
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.ServerError,Adsumo.Commands.NewAdsumoVoiceoverCommand'
        $failures[0].ToString() | Should -Match 'not sent again'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'may have been made'
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -EQ 'POST').Count | Should -Be 1
        (Get-AdsumoCredit).Used | Should -Be 1
    }
}
