# The conventions PowerShell users expect, checked by reflection on the built module: every cmdlet class it holds
# (found here, not listed, so cmdlets added later are checked too) is exported, declares what it writes, asks before
# it creates, changes, deletes or spends, pages where it lists and only there, and documents what it takes from the
# pipeline.

BeforeDiscovery {
    if (-not $env:ADSUMO_TEST_MODULE) { throw 'ADSUMO_TEST_MODULE is not set: run the tests through build.ps1 -Task Test.' }
    $module = Import-Module $env:ADSUMO_TEST_MODULE -PassThru -ErrorAction Stop
    $cmdlets = foreach ($type in $module.ImplementingAssembly.GetExportedTypes()) {
        $attribute = $type.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) | Select-Object -First 1
        if ($attribute -and -not $type.IsAbstract) {
            @{ Name = "$($attribute.VerbName)-$($attribute.NounName)"; Verb = $attribute.VerbName; TypeName = $type.FullName }
        }
    }
}

BeforeAll {
    $module = Import-Module $env:ADSUMO_TEST_MODULE -PassThru -ErrorAction Stop
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $paging = 'First', 'Skip', 'IncludeTotalCount'
    # Verbs whose cmdlets create, change, delete, spend or write: they must support -WhatIf and -Confirm.
    $changingVerbs = 'New', 'Set', 'Add', 'Remove', 'Clear', 'Update', 'Reset', 'Rename', 'Move', 'Copy', 'Save', 'Invoke', 'Start', 'Stop', 'Import', 'Publish', 'Register', 'Unregister'
    # Get cmdlets that answer one object, not a list; every other Get cmdlet lists and must page.
    $singleObjectGets = @{
        'Get-AdsumoCredit'     = 'the team has one balance'
        'Get-AdsumoConnection' = 'the runspace has one connection in force'
        'Get-AdsumoJournal'    = 'a journal is a local file, read whole; -State filters it'
    }
    function Get-CmdletType([string] $TypeName) { $module.ImplementingAssembly.GetType($TypeName, $true) }
    function Get-CmdletAttribute([string] $TypeName) { (Get-CmdletType $TypeName).GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0] }
}

# Discovery's variables are gone when the tests run: the names found then are handed over.
Describe 'The module''s cmdlets' -ForEach @(@{ Found = @($cmdlets | ForEach-Object { $_.Name }) }) {
    It 'are found by reflection' {
        $Found.Count | Should -BeGreaterThan 0
    }

    It 'are exactly those the manifest exports' {
        $manifest = Import-PowerShellDataFile $env:ADSUMO_TEST_MODULE
        @($manifest.CmdletsToExport | Sort-Object) | Should -Be @($Found | Sort-Object)
        @((Get-Command -Module Adsumo -CommandType Cmdlet).Name | Sort-Object) | Should -Be @($Found | Sort-Object)
    }
}

Describe '<Name>' -ForEach $cmdlets {
    BeforeAll {
        $type = Get-CmdletType $TypeName
        $attribute = Get-CmdletAttribute $TypeName
        $command = Get-Command $Name
    }

    It 'uses an approved verb' {
        (Get-Verb).Verb | Should -Contain $Verb
    }

    It 'declares what it writes with [OutputType]' {
        $type.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $false).Count | Should -BeGreaterThan 0
    }

    It 'supports -WhatIf and -Confirm when its verb creates, changes, deletes, spends or writes' {
        if ($Verb -in $changingVerbs) {
            $attribute.SupportsShouldProcess | Should -BeTrue -Because "$Name changes something"
            $command.Parameters.Keys | Should -Contain 'WhatIf'
        }
    }

    It 'asks with a high impact, and takes -Force, when it deletes' {
        if ($Verb -eq 'Remove') {
            $attribute.ConfirmImpact | Should -Be 'High'
            $command.Parameters.Keys | Should -Contain 'Force'
        }
    }

    It 'pages in its list parameter set, when it lists' {
        if ($Verb -eq 'Get' -and -not $singleObjectGets.ContainsKey($Name)) {
            $lists = @($command.ParameterSets | Where-Object { -not ($_.Parameters | Where-Object IsMandatory) })
            $lists.Count | Should -BeGreaterThan 0 -Because "$Name must have a parameter set that lists"
            foreach ($set in $lists) {
                foreach ($name in $paging) { $set.Parameters.Name | Should -Contain $name -Because "its $($set.Name) set lists" }
            }
        }
    }

    It 'offers no paging where it gets by id, nor anywhere PowerShell''s SupportsPaging would add it to every set' {
        $attribute.SupportsPaging | Should -BeFalse -Because 'paging is declared in the list set only (AdsumoListCmdlet)'
        foreach ($set in $command.ParameterSets | Where-Object { $_.Parameters | Where-Object { $_.Name -eq 'Id' -and $_.IsMandatory } }) {
            foreach ($name in $paging) { $set.Parameters.Name | Should -Not -Contain $name -Because "its $($set.Name) set gets by id" }
        }
    }

    It 'documents every parameter it takes from the pipeline' {
        $help = Get-Help $Name -Full
        $piped = @($command.Parameters.Values | Where-Object {
                $_.Name -notin $common -and ($_.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName })
            })
        foreach ($parameter in $piped) {
            $entry = $help.parameters.parameter | Where-Object name -EQ $parameter.Name
            ($entry.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) is bound from the pipeline"
            $entry.pipelineInput | Should -Match '^True' -Because "the help of -$($parameter.Name) must say it takes pipeline input"
        }
        if ($piped) {
            ($help.inputTypes.inputType.type.name -join ' ') | Should -Not -Be 'None'
        }
    }
}
