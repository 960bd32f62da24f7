# What about_Adsumo_Runbooks tells runbook authors, proved on the built module: the two pipelines of its section on
# $ErrorActionPreference = 'Stop' run as the topic prints them (read from the built topic) and do what it says, a
# delete without -Force fails rather than hangs where no one can answer, and the key comes from the environment.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $emulator = Start-TestEmulator -Arguments @('--generation-seconds', '0')
    $topic = Get-Content (Join-Path (Split-Path -Parent $env:ADSUMO_TEST_MODULE) 'en-US/about_Adsumo_Runbooks.help.txt')

    function Get-TopicExample([string] $Heading, [int] $Index) {
        # The code blocks (lines indented 8 spaces) of one section of the topic, in order.
        $start = [array]::IndexOf($topic, $Heading)
        $section = $topic[($start + 1)..($topic.Count - 1)]
        $end = [array]::FindIndex($section, [Predicate[string]] { param($line) $line -match '^\S' })
        $blocks = [Collections.Generic.List[string]]::new()
        $current = $null
        foreach ($line in $section[0..($end - 1)]) {
            if ($line -match '^ {8}') { $current = @($current) + ($line -replace '^ {8}') }
            elseif ($line -match '^ {4}\S' -and $current) { $blocks.Add(($current -join "`n")); $current = $null }
        }
        if ($current) { $blocks.Add(($current -join "`n")) }
        $blocks[$Index]
    }

    function Invoke-TopicExample([string] $Code) {
        # In a shell of its own, in a folder holding ids.txt: a completed generation, one that does not exist, and
        # another completed one.
        $team = New-TestTeam -Emulator $emulator
        $seeded = Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ generations = @{ count = 2; status = 'completed' } }
        $folder = New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) ('adsumo-runbook-' + [guid]::NewGuid().ToString('N')))
        Set-Content (Join-Path $folder 'ids.txt') @($seeded.generations[0], [guid]::NewGuid().ToString(), $seeded.generations[1])
        $shell = New-ModuleShell -Emulator $emulator -Team $team -Parameters @{ Folder = $folder.FullName } -Script ([scriptblock]::Create(
                "param(`$Folder)`nSet-Location -LiteralPath `$Folder`n$Code"))
        try {
            $thrown = $null
            try { $null = $shell.Invoke() } catch { $thrown = $_.Exception.InnerException ?? $_.Exception }
            [pscustomobject]@{
                Thrown   = $thrown
                Saved    = @(Get-ChildItem (Join-Path $folder 'ads') -File -ErrorAction SilentlyContinue).Count
                Warnings = @($shell.Streams.Warning)
            }
        }
        finally {
            $shell.Dispose()
            Remove-Item $folder -Recurse -Force
        }
    }
}

AfterAll {
    Disconnect-Adsumo
    Stop-LoopbackServer $emulator
}

Describe "What `$ErrorActionPreference = 'Stop' does to a pipeline" {
    BeforeAll {
        $heading = "`$ErrorActionPreference = 'Stop' AND A PIPELINE"
    }

    It 'ends it at the first failed item, as the topic says: the generation after the missing one is not saved' {
        $code = Get-TopicExample $heading 0
        $code | Should -Match 'Get-AdsumoGeneration'
        $run = Invoke-TopicExample $code
        $run.Thrown | Should -Not -BeNullOrEmpty
        "$($run.Thrown.ErrorRecord.FullyQualifiedErrorId)" | Should -BeLike 'Adsumo.NotFound,*'
        $run.Saved | Should -Be 1
    }

    It 'goes on with the pattern the topic gives, and says at the end what failed' {
        $code = Get-TopicExample $heading 1
        $code | Should -Match 'ErrorVariable'
        $run = Invoke-TopicExample $code
        $run.Saved | Should -Be 2
        $run.Warnings.Count | Should -Be 1
        $run.Thrown.Message | Should -Be '1 generation(s) were not saved.'
    }
}

Describe 'Where no one can answer a prompt' {
    It 'fails a delete that would ask, instead of hanging, and deletes with -Force' {
        $team = New-TestTeam -Emulator $emulator
        $product = New-AdsumoProduct -Name 'Mug' -Description 'A mug' -Category Kitchen -ImageUrl https://example.com/m.png
        $environment = @{ ADSUMO_API_KEY = $team.Key; ADSUMO_BASE_URI = $emulator.BaseUri }
        $asked = Invoke-ChildPwsh -Environment $environment -Script @"
Import-Module '$env:ADSUMO_TEST_MODULE'
Remove-AdsumoProduct -Id $($product.Id)
"@
        ($asked.Output -join "`n") | Should -Match 'NonInteractive'
        (Get-AdsumoProduct -Id $product.Id).Id | Should -Be $product.Id

        $forced = Invoke-ChildPwsh -Environment $environment -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$env:ADSUMO_TEST_MODULE'
Remove-AdsumoProduct -Id $($product.Id) -Force
"@
        $forced.ExitCode | Should -Be 0 -Because ($forced.Output -join "`n")
        @(Get-AdsumoProduct).Count | Should -Be 0
    }
}
