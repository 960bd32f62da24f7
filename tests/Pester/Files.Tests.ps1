# Download safety of Save-AdsumoGeneration (its normal use is tested elsewhere): a download that fails or is
# stopped leaves the destination as it was, absent or the previous file byte for byte, with no partial file
# beside it; a saved file has exactly the announced length and content.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ReliabilitySupport.psm1') -Force
    Import-TestModule
    $script:server = Start-TestScenarioServer
    $script:emulator = Start-TestEmulator -Arguments @('--generation-seconds', '0')
    $script:generationId = '44444444-4444-4444-8444-444444444444'
    # What the scenario server's files hold: byte i is i mod 251.
    $script:fileBytes = [byte[]]::new(256KB)
    for ($i = 0; $i -lt $fileBytes.Length; $i++) { $fileBytes[$i] = $i % 251 }
    $script:previous = [Text.Encoding]::UTF8.GetBytes('the previous file, which must survive')

    function New-TestFolder {
        $folder = Join-Path ([IO.Path]::GetTempPath()) ('adsumo-files-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $folder
        $folder
    }

    function Get-FileRequest {
        param([string] $Scenario)
        @(Get-ScenarioRequest -Server $server -Scenario $Scenario | Where-Object path -Like '*/files/*')
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:server) { Stop-LoopbackServer $script:server }
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'A download that fails or is stopped changes nothing' {
    BeforeEach {
        $script:folder = New-TestFolder
        $script:destination = Join-Path $folder 'result.mp4'
        Clear-ScenarioRequest -Server $server
    }

    AfterEach {
        if ($script:pipeline) { Remove-TestPipeline $script:pipeline; $script:pipeline = $null }
        Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'leaves no file when the connection is cut half way, after retrying' {
        $connection = Connect-Scenario -Server $server -Scenario file-cut -MaxRetries 2
        $run = Invoke-Captured { Save-AdsumoGeneration -Id $generationId -OutFile $destination -Connection $connection }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.DownloadFailed,Adsumo.Commands.SaveAdsumoGenerationCommand'
        $run.Errors[0].ToString() | Should -Match 'failed after 3 attempts'
        $run.Errors[0].TargetObject | Should -Be $generationId
        @(Get-FileRequest -Scenario file-cut | Where-Object state -EQ 'cut').Count | Should -Be 3
        @(Get-ChildItem -Force $folder).Count | Should -Be 0
    }

    It 'keeps the previous file byte for byte when a -Force download is cut' {
        [IO.File]::WriteAllBytes($destination, $previous)
        $connection = Connect-Scenario -Server $server -Scenario file-cut -MaxRetries 1
        $run = Invoke-Captured { Save-AdsumoGeneration -Id $generationId -OutFile $destination -Force -Connection $connection }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.DownloadFailed,Adsumo.Commands.SaveAdsumoGenerationCommand'
        [Convert]::ToBase64String([IO.File]::ReadAllBytes($destination)) | Should -Be ([Convert]::ToBase64String($previous))
        @(Get-ChildItem -Force $folder).Name | Should -Be @('result.mp4')
    }

    It 'leaves no file when the file host keeps failing with 500' {
        $connection = Connect-Scenario -Server $server -Scenario file-500 -MaxRetries 2
        $run = Invoke-Captured { Save-AdsumoGeneration -Id $generationId -OutFile $destination -Connection $connection }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.DownloadFailed,Adsumo.Commands.SaveAdsumoGenerationCommand'
        $run.Errors[0].ToString() | Should -Match 'failed after 3 attempts: the file host answered 500'
        (Get-FileRequest -Scenario file-500).Count | Should -Be 3
        @(Get-ChildItem -Force $folder).Count | Should -Be 0
    }

    It 'asks for a fresh URL when the file host refuses one (an expired URL), then gives up cleanly' {
        [IO.File]::WriteAllBytes($destination, $previous)
        $connection = Connect-Scenario -Server $server -Scenario file-403
        $run = Invoke-Captured { Save-AdsumoGeneration -Id $generationId -OutFile $destination -Force -Connection $connection -Verbose }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.DownloadFailed,Adsumo.Commands.SaveAdsumoGenerationCommand'
        $run.Errors[0].ToString() | Should -Match 'refused with 403 \(the URL may have expired\)'
        @($run.Verbose -match 'asking the service for a fresh URL').Count | Should -Be 2
        # The first read of the generation, then one more for each fresh URL.
        @(Get-ScenarioRequest -Server $server -Scenario file-403 | Where-Object path -Like '*/api/v1/generations/*').Count | Should -Be 3
        (Get-FileRequest -Scenario file-403).Count | Should -Be 3
        [Convert]::ToBase64String([IO.File]::ReadAllBytes($destination)) | Should -Be ([Convert]::ToBase64String($previous))
        @(Get-ChildItem -Force $folder).Count | Should -Be 1
    }

    It 'keeps the previous file byte for byte when a -Force download is stopped' {
        [IO.File]::WriteAllBytes($destination, $previous)
        $connection = Connect-Scenario -Server $server -Scenario file-slow
        $script:pipeline = Start-TestPipeline -Parameters @{ Connection = $connection; Path = $destination; Id = $generationId } -Script '
            param($Connection, $Path, $Id)
            Save-AdsumoGeneration -Id $Id -OutFile $Path -Force -Connection $Connection'
        Wait-Until -Description 'the download is under way' { @(Get-ChildItem -Force $folder -Filter '*.partial').Count -eq 1 }
        (Stop-TestPipeline $pipeline) | Should -BeLessThan 3
        [Convert]::ToBase64String([IO.File]::ReadAllBytes($destination)) | Should -Be ([Convert]::ToBase64String($previous))
        @(Get-ChildItem -Force $folder).Name | Should -Be @('result.mp4')
    }

    It 'does not download over an existing file without -Force' {
        [IO.File]::WriteAllBytes($destination, $previous)
        $connection = Connect-Scenario -Server $server -Scenario file-ok
        $run = Invoke-Captured { Save-AdsumoGeneration -Id $generationId -OutFile $destination -Connection $connection }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.FileExists,Adsumo.Commands.SaveAdsumoGenerationCommand'
        (Get-FileRequest -Scenario file-ok).Count | Should -Be 0
        [Convert]::ToBase64String([IO.File]::ReadAllBytes($destination)) | Should -Be ([Convert]::ToBase64String($previous))
    }
}

Describe 'A download that succeeds is whole' {
    BeforeEach { $script:folder = New-TestFolder }
    AfterEach { Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue }

    It 'saves exactly the bytes the file host sent, of the announced length' {
        $connection = Connect-Scenario -Server $server -Scenario file-ok
        $saved = Save-AdsumoGeneration -Id $generationId -OutFile (Join-Path $folder 'whole.mp4') -Connection $connection
        $saved.Length | Should -Be $fileBytes.Length
        [Convert]::ToBase64String([IO.File]::ReadAllBytes($saved.FullName)) | Should -Be ([Convert]::ToBase64String($fileBytes))
        @(Get-ChildItem -Force $folder).Count | Should -Be 1
    }

    It 'replaces a previous file with -Force, whole' {
        $target = Join-Path $folder 'whole.mp4'
        [IO.File]::WriteAllBytes($target, $previous)
        $connection = Connect-Scenario -Server $server -Scenario file-ok
        $saved = Save-AdsumoGeneration -Id $generationId -OutFile $target -Force -Connection $connection
        $saved.Length | Should -Be $fileBytes.Length
        [Convert]::ToBase64String([IO.File]::ReadAllBytes($target)) | Should -Be ([Convert]::ToBase64String($fileBytes))
        @(Get-ChildItem -Force $folder).Count | Should -Be 1
    }

    It 'saves an emulator result of an odd size at exactly that size' {
        $team = New-TestTeam -Emulator $emulator
        $size = 3MB + 17
        Set-EmulatorSetting -Emulator $emulator -Setting @{ result_bytes = $size }
        try {
            $generation = New-AdsumoImage -Prompt p -Model fast -AspectRatio 1:1 -Wait -PollIntervalSeconds 0.1 -Connection $team.Connection
            $saved = $generation | Save-AdsumoGeneration -OutFile (Join-Path $folder 'image.png') -Connection $team.Connection
        }
        finally {
            Set-EmulatorSetting -Emulator $emulator -Setting @{ result_bytes = 32768 }
        }
        $saved.Length | Should -Be $size
        # The emulator's PNG signature opens the file, and the rest arrived.
        $bytes = [IO.File]::ReadAllBytes($saved.FullName)
        ($bytes[0..7] | ForEach-Object { $_.ToString('x2') }) -join '' | Should -Be '89504e470d0a1a0a'
        @(Get-ChildItem -Force $folder).Count | Should -Be 1
    }
}
