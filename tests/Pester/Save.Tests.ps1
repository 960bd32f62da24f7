BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator -Arguments @('--generation-seconds', '0.5')
    # Tests that change the emulator's file settings put these back.
    $script:defaults = Invoke-EmulatorControl -Emulator $emulator -Method GET -Path settings

    function script:Add-Generation {
        param([Parameter(Mandatory)] $Team, [string] $Type = 'image', [string] $Status = 'completed', [int] $Count = 1, [double] $Seconds = -1)
        (Add-EmulatorData -Emulator $emulator -Key $Team.Key -Data @{ generations = @{ count = $Count; type = $Type; status = $Status; seconds = $Seconds } }).generations
    }

    function script:Test-Magic([string] $Path, [string] $Type) {
        # PNG starts with 89 50 4E 47; an MP4 has its 'ftyp' box name at offset 4.
        $bytes = Get-FileMagic -Path $Path -Count 8
        if ($Type -eq 'image') { return (($bytes[0..3] | ForEach-Object { $_.ToString('X2') }) -join ' ') -eq '89 50 4E 47' }
        [Text.Encoding]::ASCII.GetString($bytes, 4, 4) -eq 'ftyp'
    }

    function script:New-Folder {
        $path = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $path
        $path
    }

    function script:Get-FileRequest {
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object path -Like '/_files/*')
    }

}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'Save-AdsumoGeneration' {
    BeforeEach {
        $script:team = New-TestTeam -Emulator $emulator
        $script:dir = New-Folder
    }
    AfterEach {
        Set-EmulatorSetting -Emulator $emulator -Setting @{ result_bytes = $defaults.result_bytes; url_ttl_seconds = $defaults.url_ttl_seconds }
    }

    It 'saves a <Type> generation as <Type>-<id>.<Extension> with the service''s size and magic bytes' -ForEach @(
        @{ Type = 'image'; Extension = 'png' }
        @{ Type = 'ai-video'; Extension = 'mp4' }
        @{ Type = 'talking-avatar'; Extension = 'mp4' }
    ) {
        Set-EmulatorSetting -Emulator $emulator -Setting @{ result_bytes = 50000 }
        $id = Add-Generation -Team $team -Type $Type
        $file = $id | Save-AdsumoGeneration -Path $dir
        $file | Should -BeOfType ([IO.FileInfo])
        $file.FullName | Should -Be (Join-Path $dir "$Type-$id.$Extension")
        $file.Length | Should -Be 50000
        (Get-Item $file.FullName).Length | Should -Be 50000
        Test-Magic -Path $file.FullName -Type $Type | Should -BeTrue
    }

    It 'takes generation objects from the pipeline and downloads from their URL without reading them again' {
        $ids = Add-Generation -Team $team -Count 3
        $generations = Get-AdsumoGeneration -Status completed
        Clear-EmulatorRequest -Emulator $emulator
        $files = $generations | Save-AdsumoGeneration -Path $dir
        ($files.Name | Sort-Object) | Should -Be ($ids | ForEach-Object { "image-$_.png" } | Sort-Object)
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        $requests.Count | Should -Be 3
        $requests.path | ForEach-Object { $_ | Should -BeLike '/_files/generations/*' }
    }

    It 'never sends the API key to the file host' {
        $ids = @(Add-Generation -Team $team -Count 2) + @(Add-Generation -Team $team -Type ai-video)
        Clear-EmulatorRequest -Emulator $emulator
        $null = $ids | Save-AdsumoGeneration -Path $dir
        $api = @(Get-EmulatorRequest -Emulator $emulator | Where-Object path -Like '/api/v1/*')
        $files = @(Get-FileRequest)
        $files.Count | Should -Be 3
        $files.status | Sort-Object -Unique | Should -Be 200
        $files.authorization | Sort-Object -Unique | Should -Be $false
        # The key does go to the API itself: the check above is not blind to the header.
        $api.authorization | Sort-Object -Unique | Should -Be $true
    }

    It 'saves into the current folder by default' {
        $id = Add-Generation -Team $team
        Push-Location $dir
        try { $file = Save-AdsumoGeneration -Id $id }
        finally { Pop-Location }
        $file.FullName | Should -Be (Join-Path $dir "image-$id.png")
        Test-Path $file.FullName | Should -BeTrue
    }

    It 'creates a -Path folder that does not exist yet' {
        $id = Add-Generation -Team $team
        $folder = Join-Path $dir 'new/ads'
        $file = Save-AdsumoGeneration -Id $id -Path $folder
        $file.FullName | Should -Be (Join-Path $folder "image-$id.png")
    }

    It 'takes a -Path with dots in its name as a folder, as Save-Module does' {
        $ids = Add-Generation -Team $team -Count 2
        $folder = Join-Path $dir 'ads/2026.12.01'
        $files = $ids | Save-AdsumoGeneration -Path $folder
        @($files).Count | Should -Be 2
        (Get-Item $folder).PSIsContainer | Should -BeTrue
        @(Get-ChildItem $folder).Name | Sort-Object | Should -Be @($ids | ForEach-Object { "image-$_.png" } | Sort-Object)
    }

    It 'says which generation each saved file holds' {
        $ids = Add-Generation -Team $team -Count 2
        $files = $ids | Save-AdsumoGeneration -Path $dir
        $files.GenerationId | Should -Be $ids
        $files | ForEach-Object { $_ | Should -BeOfType ([IO.FileInfo]); $_.Name | Should -Be "image-$($_.GenerationId).png" }
    }

    It 'refuses -Path and -OutFile together, and a -Path that is a file, before anything is sent' {
        $file = Join-Path $dir 'plain.txt'
        Set-Content $file 'x'
        Clear-EmulatorRequest -Emulator $emulator
        { Save-AdsumoGeneration -Id (New-Guid) -Path $dir -OutFile (Join-Path $dir 'a.png') -ErrorAction Stop } | Should -Throw -ErrorId 'Adsumo.ConflictingParameters,Adsumo.Commands.SaveAdsumoGenerationCommand'
        { Save-AdsumoGeneration -Id (New-Guid) -Path $file -ErrorAction Stop } | Should -Throw -ErrorId 'Adsumo.PathIsFile,Adsumo.Commands.SaveAdsumoGenerationCommand'
        { Save-AdsumoGeneration -Id (New-Guid) -OutFile $dir -ErrorAction Stop } | Should -Throw -ErrorId 'Adsumo.PathIsFolder,Adsumo.Commands.SaveAdsumoGenerationCommand'
        @(Get-EmulatorRequest -Emulator $emulator) | Should -BeNullOrEmpty
    }

    It 'saves a single generation under the file name given as -OutFile' {
        $id = Add-Generation -Team $team -Type ai-video
        $target = Join-Path $dir 'hero.mp4'
        $file = Save-AdsumoGeneration -Id $id -OutFile $target
        $file.FullName | Should -Be $target
        Test-Magic -Path $target -Type ai-video | Should -BeTrue
        @(Get-ChildItem $dir -Force).Count | Should -Be 1
    }

    It 'refuses a second generation for an -OutFile, which names one file' {
        $ids = Add-Generation -Team $team -Count 2
        $target = Join-Path $dir 'one.png'
        $files = $ids | Save-AdsumoGeneration -OutFile $target -ErrorVariable failures -ErrorAction SilentlyContinue
        @($files).Count | Should -Be 1
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.PathIsFile,Adsumo.Commands.SaveAdsumoGenerationCommand'
        @(Get-ChildItem $dir -Force).Name | Should -Be 'one.png'
    }

    It 'refuses to overwrite a file without -Force, leaves it untouched, and saves the others' {
        $taken, $free = Add-Generation -Team $team -Count 2
        $existing = Join-Path $dir "image-$taken.png"
        Set-Content -Path $existing -Value 'keep me' -NoNewline
        Clear-EmulatorRequest -Emulator $emulator
        $files = $taken, $free | Save-AdsumoGeneration -Path $dir -ErrorVariable failures -ErrorAction SilentlyContinue
        $files.Name | Should -Be @("image-$free.png")
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.FileExists,Adsumo.Commands.SaveAdsumoGenerationCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failures[0].TargetObject | Should -Be $taken
        Get-Content -Path $existing -Raw | Should -Be 'keep me'
        (Get-FileRequest).path | Should -Not -Match $taken
    }

    It 'overwrites a file with -Force' {
        $id = Add-Generation -Team $team
        $existing = Join-Path $dir "image-$id.png"
        Set-Content -Path $existing -Value 'old copy' -NoNewline
        $file = Save-AdsumoGeneration -Id $id -Path $dir -Force
        $file.FullName | Should -Be $existing
        $file.Length | Should -Be $defaults.result_bytes
        Test-Magic -Path $existing -Type image | Should -BeTrue
        @(Get-ChildItem $dir -Force).Count | Should -Be 1
    }

    It 'asks the service for a fresh URL when the one it was given has expired' {
        Set-EmulatorSetting -Emulator $emulator -Setting @{ url_ttl_seconds = 1 }
        $id = Add-Generation -Team $team
        $generation = Get-AdsumoGeneration -Id $id
        # The URL expires within two seconds: poll it (a HEAD, no body) until the file host refuses it.
        Wait-Until -TimeoutSeconds 10 { (Invoke-WebRequest -Uri $generation.ResultUrl -Method Head -SkipHttpErrorCheck).StatusCode -eq 403 }
        Clear-EmulatorRequest -Emulator $emulator
        $file = $generation | Save-AdsumoGeneration -Path $dir
        $file.Length | Should -Be $defaults.result_bytes
        $requests = @(Get-EmulatorRequest -Emulator $emulator | Sort-Object seq)
        $requests.ForEach({ "$($_.method) $($_.path) $($_.status)" }) | Should -Be @(
            "GET /_files/generations/$id.png 403"
            "GET /api/v1/generations/$id 200"
            "GET /_files/generations/$id.png 200"
        )
    }

    It 'shows download progress' {
        $id = Add-Generation -Team $team
        $shell = New-ModuleShell -Emulator $emulator -Team $team -Script { param($Id, $Dir) Save-AdsumoGeneration -Id $Id -Path $Dir } -Parameters @{ Id = $id; Dir = $dir }
        try {
            $output = $shell.Invoke()
            $output.Count | Should -Be 1
            $records = @($shell.Streams.Progress)
            $records.Count | Should -BeGreaterThan 1
            $records.Activity | Sort-Object -Unique | Should -Be "Saving image-$id.png"
            ($records.ActivityId | Sort-Object -Unique).Count | Should -Be 1
            ($records | Where-Object RecordType -EQ 'Processing').StatusDescription | ForEach-Object { $_ | Should -Match '^[\d,.]+ of [\d,.]+ KB$' }
            $records[-1].RecordType | Should -Be 'Completed'
        }
        finally { $shell.Dispose() }
    }

    It 'writes no progress when $ProgressPreference is SilentlyContinue' {
        $id = Add-Generation -Team $team
        $shell = New-ModuleShell -Emulator $emulator -Team $team -Parameters @{ Id = $id; Dir = $dir } -Script {
            param($Id, $Dir)
            $ProgressPreference = 'SilentlyContinue'
            Save-AdsumoGeneration -Id $Id -Path $Dir
        }
        try {
            $shell.Invoke().Count | Should -Be 1
            $shell.Streams.Progress.Count | Should -Be 0
        }
        finally { $shell.Dispose() }
    }

    It 'leaves neither the file nor a partial file when stopped in the middle of a download' {
        # Big enough that the download is still running when it is stopped, whatever the machine's speed.
        Set-EmulatorSetting -Emulator $emulator -Setting @{ result_bytes = 5000000000 }
        $id = Add-Generation -Team $team -Type ai-video
        $shell = New-ModuleShell -Emulator $emulator -Team $team -Script { param($Id, $Dir) Save-AdsumoGeneration -Id $Id -Path $Dir } -Parameters @{ Id = $id; Dir = $dir }
        try {
            $null = $shell.BeginInvoke()
            # The temporary file is hidden (its name starts with a dot): list with .NET, which shows every file.
            Wait-Until { @([IO.Directory]::GetFiles($dir) | Where-Object { (Get-Item -Force $_).Length -gt 1MB }).Count -ge 1 }
            [IO.Directory]::GetFiles($dir) | Should -BeLike '*.partial'
            Stop-ShellWithin -Shell $shell | Should -BeLessThan 10
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { Close-Shell -Shell $shell }
        Test-Path (Join-Path $dir "ai-video-$id.mp4") | Should -BeFalse
        @([IO.Directory]::GetFiles($dir)).Count | Should -Be 0
    }

    It 'writes Adsumo.GenerationNotReady, pointing at Wait-AdsumoGeneration, for a generation still processing' {
        $processing = Add-Generation -Team $team -Status processing -Seconds -1
        $ready = Add-Generation -Team $team
        $files = $processing, $ready | Save-AdsumoGeneration -Path $dir -ErrorVariable failures -ErrorAction SilentlyContinue
        $files.Name | Should -Be @("image-$ready.png")
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.GenerationNotReady,Adsumo.Commands.SaveAdsumoGenerationCommand'
        $failures[0].TargetObject | Should -Be $processing
        $failures[0].ToString() | Should -Match 'Wait-AdsumoGeneration'
        @(Get-ChildItem $dir -Force).Count | Should -Be 1
    }

    It 'writes Adsumo.GenerationFailed, with the service''s reason, for a failed generation' {
        $failed = Add-Generation -Team $team -Status failed
        $reason = (Invoke-RestMethod -Uri "$($emulator.BaseUri)/generations/$failed" -Headers @{ Authorization = "Bearer $($team.Key)" }).error_message
        { Save-AdsumoGeneration -Id $failed -Path $dir -ErrorAction Stop } | Should -Throw -ErrorId 'Adsumo.GenerationFailed,Adsumo.Commands.SaveAdsumoGenerationCommand'
        Save-AdsumoGeneration -Id $failed -Path $dir -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].ToString() | Should -Match ([regex]::Escape($reason))
        @(Get-ChildItem $dir -Force).Count | Should -Be 0
    }

    It 'writes a non-terminating Adsumo.NotFound for a missing id and saves the others' {
        $id = Add-Generation -Team $team
        $missing = [guid]::NewGuid().ToString()
        $files = $missing, $id | Save-AdsumoGeneration -Path $dir -ErrorVariable failures -ErrorAction SilentlyContinue
        $files.Name | Should -Be @("image-$id.png")
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.NotFound,Adsumo.Commands.SaveAdsumoGenerationCommand'
        $failures[0].TargetObject | Should -Be $missing
    }

    It 'refuses an id that is not a UUID before sending anything' {
        Clear-EmulatorRequest -Emulator $emulator
        { Save-AdsumoGeneration -Id 'hero' -Path $dir } | Should -Throw -ErrorId 'Adsumo.InvalidId,Adsumo.Commands.SaveAdsumoGenerationCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'writes no file and downloads nothing with -WhatIf' {
        $id = Add-Generation -Team $team
        $folder = Join-Path $dir 'not-yet'
        Clear-EmulatorRequest -Emulator $emulator
        Save-AdsumoGeneration -Id $id -Path $folder -WhatIf | Should -BeNullOrEmpty
        Save-AdsumoGeneration -Id $id -Path $dir -WhatIf | Should -BeNullOrEmpty
        @(Get-FileRequest).Count | Should -Be 0
        Test-Path $folder | Should -BeFalse
        @(Get-ChildItem $dir -Force).Count | Should -Be 0
    }
}

Describe 'The pipeline from the issue' {
    It 'waits for every processing generation of each type and saves one file per generation' {
        $team = New-TestTeam -Emulator $emulator
        $dir = New-Folder
        $before = Add-Generation -Team $team -Status completed
        $processing = [ordered]@{
            image            = Add-Generation -Team $team -Type image -Status processing
            'ai-video'       = Add-Generation -Team $team -Type ai-video -Status processing
            'talking-avatar' = Add-Generation -Team $team -Type talking-avatar -Status processing
        }
        $failing = Add-Generation -Team $team -Type image -Status processing
        # These never finish by themselves: a helper ends them once the pipeline has listed them, so what the
        # listing sees does not depend on the machine's speed.
        $finisher = [powershell]::Create().AddScript({
                param($Root, $Complete, $Fail)
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while (-not ((Invoke-RestMethod "$Root/_emulator/requests").data | Where-Object { $_.path -eq '/api/v1/generations' -and $_.status -eq 200 })) {
                    if ([DateTime]::UtcNow -gt $deadline) { throw 'The pipeline never listed the generations.' }
                    Start-Sleep -Milliseconds 50
                }
                foreach ($id in $Complete) {
                    Start-Sleep -Milliseconds 200
                    $null = Invoke-RestMethod -Method Post "$Root/_emulator/generations/$id/complete"
                }
                $null = Invoke-RestMethod -Method Post "$Root/_emulator/generations/$Fail/fail" -ContentType 'application/json' -Body '{"error_message":"The prompt was refused."}'
            }).AddParameters(@{ Root = $emulator.Root; Complete = @($processing.Values); Fail = $failing })
        try {
            Clear-EmulatorRequest -Emulator $emulator
            $handle = $finisher.BeginInvoke()
            $files = Get-AdsumoGeneration -Status processing |
                Wait-AdsumoGeneration -PollIntervalSeconds 0.2 -ErrorVariable waitFailures -ErrorAction SilentlyContinue |
                Save-AdsumoGeneration -Path $dir -ErrorVariable saveFailures -ErrorAction SilentlyContinue
            $null = $finisher.EndInvoke($handle)
        }
        finally { $finisher.Dispose() }

        $expected = foreach ($type in $processing.Keys) { "$type-$($processing[$type]).$(if ($type -eq 'image') { 'png' } else { 'mp4' })" }
        $files.Name | Sort-Object | Should -Be ($expected | Sort-Object)
        (Get-ChildItem $dir -Force).Name | Sort-Object | Should -Be ($expected | Sort-Object)
        foreach ($file in $files) {
            $file.Length | Should -Be $defaults.result_bytes
            Test-Magic -Path $file.FullName -Type ($file.Name -replace '-[0-9a-f-]{36}\..*$') | Should -BeTrue
        }
        $saveFailures.Count | Should -Be 0
        $waitFailures.Count | Should -Be 1
        $waitFailures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.GenerationFailed,Adsumo.Commands.WaitAdsumoGenerationCommand'
        $waitFailures[0].TargetObject | Should -Be $failing
        $waitFailures[0].ToString() | Should -Match 'The prompt was refused'
        $files.Name | Should -Not -Match $before
    }
}
