# Every example in every cmdlet's help runs against the emulator, read from the built help as users read it, so an
# example cannot rot. Each runs in a runspace of its own, as a new team, in an empty folder, after the shared prelude
# (HelpExamples.Prelude.ps1: the connection, the sample variables and files examples may assume). An example fails
# on any error it writes or throws, or when it does not end in time; the test's name says which cmdlet and example.
# Cmdlets are found in the module, so the examples of cmdlets added later run too.

BeforeDiscovery {
    if (-not $env:ADSUMO_TEST_MODULE) { throw 'ADSUMO_TEST_MODULE is not set: run the tests through build.ps1 -Task Test.' }
    Import-Module $env:ADSUMO_TEST_MODULE -ErrorAction Stop
    $examples = foreach ($command in Get-Command -Module Adsumo -CommandType Cmdlet | Sort-Object Name) {
        $number = 0
        foreach ($example in @((Get-Help $command.Name -Examples).examples.example)) {
            $number++
            @{ Name = $command.Name; Number = $number; Code = [string] $example.code }
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    # Generations finish at once, so examples that wait do not wait for their poll interval.
    $emulator = Start-TestEmulator -Arguments @('--generation-seconds', '0')
    $prelude = Join-Path $PSScriptRoot 'HelpExamples.Prelude.ps1'
    # Examples name the emulator by its default address; here they reach the test's, wherever it listens.
    $defaultEmulator = 'http://127.0.0.1:5080'
    $timeout = [TimeSpan]::FromSeconds(120)

    function Invoke-Example([string] $Code) {
        $folder = New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) ('adsumo-example-' + [guid]::NewGuid().ToString('N')))
        # Examples and the prelude set environment variables, which are the process's: they are put back after.
        $environment = @(Get-ChildItem Env: | Where-Object Name -Like 'ADSUMO_*' | ForEach-Object { @{ Name = $_.Name; Value = $_.Value } })
        $shell = [powershell]::Create()
        try {
            $text = @(
                "Set-Location -LiteralPath '$($folder.FullName)'"
                ". '$prelude' -ModulePath '$env:ADSUMO_TEST_MODULE' -BaseUri '$($emulator.BaseUri)' -Key '$(New-TestKey)'"
                $Code.Replace($defaultEmulator, $emulator.Root)
            ) -join "`n"
            $null = $shell.AddScript($text)
            $pending = $shell.BeginInvoke()
            if (-not $pending.AsyncWaitHandle.WaitOne($timeout)) {
                $shell.Stop()
                return [pscustomobject]@{ Problems = @("it did not end within $($timeout.TotalSeconds) s") }
            }
            $problems = [Collections.Generic.List[string]]::new()
            try { $null = $shell.EndInvoke($pending) } catch { $problems.Add("it threw: $($_.Exception.InnerException ?? $_.Exception)") }
            foreach ($record in $shell.Streams.Error) { $problems.Add("it wrote the error $($record.FullyQualifiedErrorId): $record") }
            [pscustomobject]@{ Problems = @($problems) }
        }
        finally {
            $shell.Dispose()
            Get-ChildItem Env: | Where-Object Name -Like 'ADSUMO_*' | ForEach-Object { Remove-Item "Env:$($_.Name)" }
            foreach ($variable in $environment) { Set-Item "Env:$($variable.Name)" $variable.Value }
            Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}

AfterAll {
    Stop-LoopbackServer $emulator
}

# Discovery's variables are gone when the tests run: the cmdlet of each example found then is handed over.
Describe 'The help examples' -ForEach @(@{ ExampleOf = @($examples | ForEach-Object { $_.Name }) }) {
    It 'are found: every cmdlet has at least two' {
        $counts = $ExampleOf | Group-Object
        @($counts).Count | Should -Be @(Get-Command -Module Adsumo -CommandType Cmdlet).Count
        $counts | Where-Object Count -LT 2 | Should -BeNullOrEmpty
    }

    It '<Name> example <Number> runs against the emulator' -ForEach $examples {
        $run = Invoke-Example $Code
        $run.Problems | Should -BeNullOrEmpty -Because "the example reads:`n$Code`nand $($run.Problems -join "`n")"
    }

    It '<Name> example <Number> assigns to no automatic variable' -ForEach $examples {
        Find-AutomaticAssignment $Code | Should -BeNullOrEmpty -Because "the example reads:`n$Code"
    }
}
