# The about topics that ship in the module's en-US folder: Get-Help finds each on the built module (the installed
# module's are checked in Package.Tests.ps1), about_Adsumo maps every other one, and the complete Pester example of
# about_Adsumo_Emulator runs as written: its runbook and its tests, with the emulator installed as a .NET tool from
# the test run's package and the module found by name.

BeforeDiscovery {
    if (-not $env:ADSUMO_TEST_MODULE) { throw 'ADSUMO_TEST_MODULE is not set: run the tests through build.ps1 -Task Test.' }
    $english = Join-Path (Split-Path -Parent $env:ADSUMO_TEST_MODULE) 'en-US'
    $topics = @(Get-ChildItem $english -Filter 'about_*.help.txt' | ForEach-Object { @{ Topic = $_.Name -replace '\.help\.txt$'; Path = $_.FullName } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $english = Join-Path (Split-Path -Parent $env:ADSUMO_TEST_MODULE) 'en-US'
}

# Discovery's variables are gone when the tests run: the names found then are handed over.
Describe 'The about topics' -ForEach @(@{ Shipped = @($topics | ForEach-Object { $_.Topic }) }) {
    It 'include the map, the runbook guide, the batch guide and the emulator guide' {
        $Shipped | Should -Contain 'about_Adsumo'
        $Shipped | Should -Contain 'about_Adsumo_Runbooks'
        $Shipped | Should -Contain 'about_Adsumo_Batches'
        $Shipped | Should -Contain 'about_Adsumo_Emulator'
    }

    It 'are all listed by Get-Help about_Adsumo*' {
        @((Get-Help about_Adsumo*).Name | Sort-Object) | Should -Be @($Shipped | Sort-Object)
    }
}

Describe '<Topic>' -ForEach $topics {
    It 'is found by Get-Help on the built module' {
        $text = Get-Help $Topic -ErrorAction Stop | Out-String
        $text | Should -Match "TOPIC\s+$Topic\b"
        $text | Should -Match 'SHORT DESCRIPTION'
    }

    It 'is mapped by about_Adsumo' {
        if ($Topic -ne 'about_Adsumo') {
            Get-Content (Join-Path $english 'about_Adsumo.help.txt') -Raw | Should -Match "\b$Topic\b"
        }
    }

    It 'fits an 80-column console' {
        $long = @(Get-Content $Path | Where-Object Length -GT 80)
        $long | Should -BeNullOrEmpty -Because 'help topics are read in consoles of 80 columns'
    }

    It 'assigns to no automatic variable in its examples' {
        Find-AutomaticAssignment ((Get-Content $Path | Where-Object { $_ -match '^ {8}' }) -join "`n") | Should -BeNullOrEmpty
    }
}

Describe 'The Pester example of about_Adsumo_Emulator' {
    BeforeAll {
        # Its files, as the topic shows them: each starts at a '# --- <name> ---' line, indented 8 spaces.
        $work = Join-Path ([IO.Path]::GetTempPath()) ('adsumo-about-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $work
        $text = Get-Content (Join-Path $english 'about_Adsumo_Emulator.help.txt') -Raw
        $files = [regex]::Matches($text, '(?ms)^ {8}# --- (?<name>[\w.-]+) ---\r?\n(?<body>.*?)(?=^ {8}# --- )')
        foreach ($file in $files) {
            $lines = $file.Groups['body'].Value -split '\r?\n' | ForEach-Object { $_ -replace '^ {8}' }
            Set-Content -Path (Join-Path $work $file.Groups['name'].Value) -Value ($lines -join "`n")
        }
        $tool = Install-EmulatorTool -Folder (Join-Path $work 'tools')
        # A user's machine: adsumo-emulator on the PATH, the module where Import-Module finds it by name.
        $modules = Split-Path -Parent (Split-Path -Parent $env:ADSUMO_TEST_MODULE)
        $pester = (Get-Module Pester).Path
        $run = Invoke-ChildPwsh -Environment @{
            PATH         = $tool.ToolPath + [IO.Path]::PathSeparator + $env:PATH
            PSModulePath = $modules + [IO.Path]::PathSeparator + $env:PSModulePath
        } -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$pester'
`$result = Invoke-Pester -Path '$work/Publish-Images.Tests.ps1' -PassThru -Output Detailed
'RESULT ' + (@{ Passed = `$result.PassedCount; Failed = `$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount } | ConvertTo-Json -Compress)
"@
        $counts = ($run.Output | Where-Object { $_ -like 'RESULT *' } | Select-Object -Last 1) -replace '^RESULT ' | ConvertFrom-Json
    }

    AfterAll {
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'has a runbook and its tests' {
        @($files.ForEach({ $_.Groups['name'].Value })) | Should -Be @('Publish-Images.ps1', 'Publish-Images.Tests.ps1')
        $tool.ExitCode | Should -Be 0 -Because ($tool.Output -join "`n")
    }

    It 'runs as written, every test passing' {
        $counts | Should -Not -BeNullOrEmpty -Because ($run.Output -join "`n")
        $counts.Failed | Should -Be 0 -Because ($run.Output -join "`n")
        $counts.Passed | Should -Be 5
    }
}
