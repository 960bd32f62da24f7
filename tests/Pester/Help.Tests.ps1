# The help that ships with the module: every exported cmdlet, whatever cmdlets exist when the tests run, has real
# Get-Help text (from en-US/Adsumo.dll-Help.xml, which tools/New-MamlHelp.ps1 writes), and the about topic is found.

BeforeDiscovery {
    if (-not $env:ADSUMO_TEST_MODULE) { throw 'ADSUMO_TEST_MODULE is not set: run the tests through build.ps1 -Task Test.' }
    Import-Module $env:ADSUMO_TEST_MODULE -ErrorAction Stop
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    $cmdlets = foreach ($command in Get-Command -Module Adsumo -CommandType Cmdlet) {
        @{ Name = $command.Name; Parameters = @($command.Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object) }
    }
}

BeforeAll {
    Import-Module $env:ADSUMO_TEST_MODULE -ErrorAction Stop
}

Describe 'The module help' {
    It 'exports cmdlets to check' {
        @(Get-Command -Module Adsumo -CommandType Cmdlet).Count | Should -BeGreaterThan 0
    }

    It 'has the about_Adsumo topic' {
        $topic = Get-Help about_Adsumo -ErrorAction Stop | Out-String
        $topic | Should -Match 'about_Adsumo'
        $topic | Should -Match 'ADSUMO_API_KEY'
    }

    It 'has the about_Adsumo_Batches topic' {
        $topic = Get-Help about_Adsumo_Batches -ErrorAction Stop | Out-String
        $topic | Should -Match 'A RESUMABLE NIGHTLY RUNBOOK'
        $topic | Should -Match 'WHAT RECONCILIATION CANNOT KNOW'
    }
}

Describe 'Get-Help <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help -Name $Name -Full
    }

    It 'has a synopsis, not the syntax PowerShell shows when there is no help' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '<CommonParameters>'
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name *"
    }

    It 'has a description' {
        ($help.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with its code and what it does' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code.Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title.Trim('- ')) needs a command"
            ($example.remarks.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title.Trim('- ')) needs remarks"
        }
    }

    It 'links to about_Adsumo' {
        $help.relatedLinks.navigationLink.linkText | Should -Contain 'about_Adsumo'
    }

    # A cmdlet with common parameters only has nothing here (Pester 6 fails an empty -ForEach).
    if ($Parameters) {
        It 'describes -<_>' -ForEach $Parameters {
            $parameter = $help.parameters.parameter | Where-Object name -eq $_
            $parameter | Should -Not -BeNullOrEmpty -Because "-$_ must be in the help"
            ($parameter.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
        }
    }
}
