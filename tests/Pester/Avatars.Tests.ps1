BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator
    $script:face = 'https://example.com/faces/ava.png'

    # The API read directly, past the module: the expected values come from the service, not from the code under test.
    function script:Get-RawApi([string] $Path, [string] $Key) {
        Invoke-RestMethod -Uri "$($emulator.BaseUri)/$Path" -Headers @{ Authorization = "Bearer $Key" }
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'Get-AdsumoAvatar' {
    BeforeAll {
        $script:team = New-TestTeam -Emulator $emulator
        $script:custom = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ custom_avatars = 3 }).custom_avatars
        $script:platform = (Get-RawApi -Path avatars -Key $team.Key).data
    }
    BeforeEach { Clear-EmulatorRequest -Emulator $emulator }

    It 'writes the platform avatars and the team''s custom avatars when -Type is omitted' {
        $all = Get-AdsumoAvatar -Connection $team.Connection
        $all | Should -BeOfType ([Adsumo.Avatar])
        $all.Count | Should -Be ($platform.Count + $custom.Count)
        ($all | Where-Object Type -EQ 'platform').Id | Sort-Object | Should -Be ($platform.id | Sort-Object)
        ($all | Where-Object Type -EQ 'custom').Id | Sort-Object | Should -Be ($custom | Sort-Object)
        (Get-EmulatorRequest -Emulator $emulator).path | Sort-Object | Should -Be @('/api/v1/avatars', '/api/v1/avatars/custom')
    }

    It 'asks only for the platform list with -Type Platform, and reads every field' {
        $avatars = Get-AdsumoAvatar -Connection $team.Connection -Type Platform
        $avatars.Id | Should -Be $platform.id
        $emma = $avatars | Where-Object Id -EQ $platform[0].id
        $emma.Name | Should -Be $platform[0].name
        $emma.Gender | Should -Be $platform[0].gender
        $emma.AgeGroup | Should -Be $platform[0].age_group
        $emma.ThumbnailUrl | Should -Be $platform[0].thumbnail_url
        $emma.Type | Should -Be 'platform'
        (Get-EmulatorRequest -Emulator $emulator).path | Should -Be @('/api/v1/avatars')
    }

    It 'reads the custom list, which the emulator sends as a bare JSON array, with -Type Custom' {
        $raw = Invoke-WebRequest -Uri "$($emulator.BaseUri)/avatars/custom" -Headers @{ Authorization = "Bearer $($team.Key)" }
        $raw.Content.TrimStart() | Should -BeLike '`[*'
        Clear-EmulatorRequest -Emulator $emulator
        $avatars = Get-AdsumoAvatar -Connection $team.Connection -Type Custom
        $avatars.Id | Sort-Object | Should -Be ($custom | Sort-Object)
        $avatars.Type | Sort-Object -Unique | Should -Be 'custom'
        $expected = ($raw.Content | ConvertFrom-Json) | Where-Object id -EQ $avatars[0].Id
        $avatars[0].Name | Should -Be $expected.name
        $avatars[0].Description | Should -Be $expected.description
        $avatars[0].ThumbnailUrl | Should -Be $expected.thumbnail_url
        $avatars[0].CreatedAt | Should -BeOfType ([DateTimeOffset])
        (Get-EmulatorRequest -Emulator $emulator).path | Should -Be @('/api/v1/avatars/custom')
    }

    It 'filters by gender and age group' {
        $expected = $platform | Where-Object { $_.gender -eq 'female' -and $_.age_group -eq 'adult' }
        $expected.Count | Should -BeGreaterThan 0
        $avatars = Get-AdsumoAvatar -Connection $team.Connection -Gender female -AgeGroup adult
        $avatars.Id | Sort-Object | Should -Be ($expected.id | Sort-Object)
    }

    It 'filters by name with wildcards, ignoring case, across both kinds' {
        $sales = New-AdsumoAvatar -Connection $team.Connection -Name 'Sales Ava' -ImageUrl $face
        try {
            $byName = Get-AdsumoAvatar -Connection $team.Connection -Name 'sALES*'
            $byName.Id | Should -Be @($sales.Id)
            $startingWithE = Get-AdsumoAvatar -Connection $team.Connection -Type Platform -Name 'e*'
            $startingWithE.Id | Sort-Object | Should -Be (($platform | Where-Object name -Like 'E*').id | Sort-Object)
            @(Get-AdsumoAvatar -Connection $team.Connection -Name 'nobody by this name*').Count | Should -Be 0
        }
        finally {
            Remove-AdsumoAvatar -Connection $team.Connection -Id $sales.Id -Force
        }
    }

    It 'gets avatars of both kinds by id, from the parameter and from the pipeline' {
        (Get-AdsumoAvatar -Connection $team.Connection -Id $platform[1].id).Name | Should -Be $platform[1].name
        $piped = $custom[0], $platform[2].id | Get-AdsumoAvatar -Connection $team.Connection
        $piped.Id | Should -Be @($custom[0], $platform[2].id)
        $piped.Type | Should -Be @('custom', 'platform')
    }

    It 'writes a non-terminating Adsumo.NotFound for an id in neither list and goes on' {
        $missing = [guid]::NewGuid().ToString()
        $found = Get-AdsumoAvatar -Connection $team.Connection -Id $missing, $custom[1] -ErrorVariable failures -ErrorAction SilentlyContinue
        $found.Id | Should -Be @($custom[1])
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.NotFound,Adsumo.Commands.GetAdsumoAvatarCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be $missing
    }

    It 'refuses an id that is not a UUID before sending anything' {
        { Get-AdsumoAvatar -Connection $team.Connection -Id 'emma' } | Should -Throw -ErrorId 'Adsumo.InvalidId,Adsumo.Commands.GetAdsumoAvatarCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'does not show a custom avatar to another team' {
        $other = New-TestTeam -Emulator $emulator
        @(Get-AdsumoAvatar -Connection $other.Connection -Type Custom).Count | Should -Be 0
        (Get-AdsumoAvatar -Connection $other.Connection).Id | Should -Not -Contain $custom[0]
        { Get-AdsumoAvatar -Connection $other.Connection -Id $custom[0] -ErrorAction Stop } | Should -Throw -ErrorId 'Adsumo.NotFound,Adsumo.Commands.GetAdsumoAvatarCommand'
    }
}

Describe 'New-AdsumoAvatar' {
    BeforeEach {
        $script:team = New-TestTeam -Emulator $emulator
        Clear-EmulatorRequest -Emulator $emulator
    }

    It 'creates a custom avatar with a name, an image and a description' {
        $avatar = New-AdsumoAvatar -Name 'Ava from Sales' -ImageUrl $face -Description 'Friendly, for demos'
        $avatar | Should -BeOfType ([Adsumo.Avatar])
        $avatar.Id | Should -Match '^[0-9a-f-]{36}$'
        $avatar.Type | Should -Be 'custom'
        $avatar.Name | Should -Be 'Ava from Sales'
        $avatar.Description | Should -Be 'Friendly, for demos'
        $avatar.CreatedAt | Should -BeOfType ([DateTimeOffset])
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        $requests.Count | Should -Be 1
        $requests[0].method | Should -Be 'POST'
        $requests[0].path | Should -Be '/api/v1/avatars/custom'
        $requests[0].status | Should -Be 201
        $listed = (Get-RawApi -Path avatars/custom -Key $team.Key) | Where-Object id -EQ $avatar.Id
        $listed.name | Should -Be 'Ava from Sales'
        $listed.description | Should -Be 'Friendly, for demos'
    }

    It 'accepts a name of exactly 50 characters' {
        $name = 'n' * 50
        (New-AdsumoAvatar -Name $name -ImageUrl $face).Name | Should -Be $name
    }

    It 'takes avatars from the pipeline by property name' {
        $rows = 1..2 | ForEach-Object { [pscustomobject]@{ Name = "Row $_"; ImageUrl = $face; Description = '' } }
        $created = $rows | New-AdsumoAvatar
        $created.Name | Should -Be @('Row 1', 'Row 2')
        (Get-AdsumoAvatar -Type Custom).Name | Sort-Object | Should -Be @('Row 1', 'Row 2')
    }

    It 'refuses <Case> before sending anything' -ForEach @(
        @{ Case = 'a name of 51 characters'; Splat = @{ Name = 'n' * 51 }; Id = 'Adsumo.NameTooLong' }
        @{ Case = 'a blank name'; Splat = @{ Name = '  ' }; Id = 'Adsumo.MissingValue' }
        @{ Case = 'a relative image URL'; Splat = @{ ImageUrl = 'faces/ava.png' }; Id = 'Adsumo.InvalidUrl' }
        @{ Case = 'an ftp image URL'; Splat = @{ ImageUrl = 'ftp://example.com/ava.png' }; Id = 'Adsumo.InvalidUrl' }
        @{ Case = 'an image URL without a host'; Splat = @{ ImageUrl = 'https://' }; Id = 'Adsumo.InvalidUrl' }
    ) {
        $parameters = @{ Name = 'Ava'; ImageUrl = $face }
        foreach ($key in $Splat.Keys) { $parameters[$key] = $Splat[$key] }
        { New-AdsumoAvatar @parameters } | Should -Throw -ErrorId "$Id,Adsumo.Commands.NewAdsumoAvatarCommand"
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'sends nothing with -WhatIf' {
        New-AdsumoAvatar -Name Ava -ImageUrl $face -WhatIf | Should -BeNullOrEmpty
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
        # Invoke-RestMethod writes a JSON array as one object, so its Count is the number of avatars.
        (Get-RawApi -Path avatars/custom -Key $team.Key).Count | Should -Be 0
    }
}

Describe 'Remove-AdsumoAvatar' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'removes a custom avatar' {
        $avatar = New-AdsumoAvatar -Name Ava -ImageUrl $face
        $keep = New-AdsumoAvatar -Name Bo -ImageUrl $face
        Remove-AdsumoAvatar -Id $avatar.Id -Force | Should -BeNullOrEmpty
        (Get-AdsumoAvatar -Type Custom).Id | Should -Be @($keep.Id)
    }

    It 'removes every custom avatar piped from Get-AdsumoAvatar -Type Custom' {
        $null = Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ custom_avatars = 5 }
        Clear-EmulatorRequest -Emulator $emulator
        Get-AdsumoAvatar -Type Custom | Remove-AdsumoAvatar -Force
        @(Get-AdsumoAvatar -Type Custom).Count | Should -Be 0
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -EQ 'DELETE').Count | Should -Be 5
    }

    It 'is a high-impact change that asks for confirmation unless -Force is given' {
        $command = Get-Command Remove-AdsumoAvatar
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        $command.Parameters.Keys | Should -Contain 'Force'
        $command.Parameters.Keys | Should -Contain 'WhatIf'
    }

    It 'sends nothing with -WhatIf, even with -Force' {
        $ids = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ custom_avatars = 2 }).custom_avatars
        Clear-EmulatorRequest -Emulator $emulator
        $ids | Remove-AdsumoAvatar -WhatIf -Force
        Get-AdsumoAvatar -Type Custom | Remove-AdsumoAvatar -WhatIf
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -EQ 'DELETE').Count | Should -Be 0
        @(Get-AdsumoAvatar -Type Custom).Count | Should -Be 2
    }

    It 'says the avatar is in use by a talking-avatar video on a 409, and removes the others' {
        $used = New-AdsumoAvatar -Name 'Starring' -ImageUrl $face
        $free = New-AdsumoAvatar -Name 'Understudy' -ImageUrl $face
        $voice = Get-AdsumoVoice -First 1
        $video = New-AdsumoTalkingAvatarVideo -AvatarId $used.Id -AvatarType Custom -Script 'Meet the Trail Bottle.' -VoiceId $voice.Id
        $video.Type | Should -Be 'talking-avatar'
        $used, $free | Remove-AdsumoAvatar -Force -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.Conflict,Adsumo.Commands.RemoveAdsumoAvatarCommand'
        $failures[0].TargetObject | Should -Be $used.Id
        $failures[0].Exception.StatusCode | Should -Be 409
        $failures[0].ToString() | Should -Match 'is used by video generations'
        (Get-AdsumoAvatar -Type Custom).Id | Should -Be @($used.Id)
    }

    It 'gives Adsumo.NotFound for an avatar that is not there, and for a platform avatar' {
        $platform = Get-AdsumoAvatar -Type Platform | Select-Object -First 1
        { Remove-AdsumoAvatar -Id ([guid]::NewGuid()) -Force -ErrorAction Stop } | Should -Throw -ErrorId 'Adsumo.NotFound,Adsumo.Commands.RemoveAdsumoAvatarCommand'
        { Remove-AdsumoAvatar -Id $platform.Id -Force -ErrorAction Stop } | Should -Throw -ErrorId 'Adsumo.NotFound,Adsumo.Commands.RemoveAdsumoAvatarCommand'
        (Get-AdsumoAvatar -Id $platform.Id).Id | Should -Be $platform.Id
    }

    It 'cannot remove another team''s avatar' {
        $avatar = New-AdsumoAvatar -Name Ava -ImageUrl $face
        $other = New-TestTeam -Emulator $emulator
        { Remove-AdsumoAvatar -Connection $other.Connection -Id $avatar.Id -Force -ErrorAction Stop } | Should -Throw -ErrorId 'Adsumo.NotFound,Adsumo.Commands.RemoveAdsumoAvatarCommand'
        (Get-AdsumoAvatar -Connection $team.Connection -Type Custom).Id | Should -Be @($avatar.Id)
    }

    It 'refuses an id that is not a UUID before sending anything' {
        Clear-EmulatorRequest -Emulator $emulator
        { Remove-AdsumoAvatar -Id 'ava' -Force } | Should -Throw -ErrorId 'Adsumo.InvalidId,Adsumo.Commands.RemoveAdsumoAvatarCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }
}
