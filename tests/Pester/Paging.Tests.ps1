# Lists just short of, at, and just past a full page (100) or two: every item comes back once, in the service's
# order, and each page is asked for exactly once, as the emulator's request log shows. An off-by-one in the paging
# drops or repeats the item at a page's edge; these counts are where it shows.

BeforeDiscovery {
    $counts = @(99, 100, 101, 199, 200, 201) | ForEach-Object { @{ Count = $_ } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator -Arguments @('--generation-seconds', '0')

    function Get-PageQuery {
        # The limit and offset of each list request, sorted by offset: pages after the first may be fetched side by side.
        param([string] $Path)
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object path -EQ "/api/v1/$Path" |
                ForEach-Object { $_.query } | Sort-Object { [int](($_ -split 'offset=')[1] -split '&')[0] })
    }

    function Get-ExpectedPageQuery {
        param([int] $Count)
        @(0..([math]::Ceiling($Count / 100) - 1) | ForEach-Object { "limit=100&offset=$($_ * 100)" })
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'Paging at the edges of a page' {
    It 'lists <Count> products, every one once, asking each page once' -ForEach $counts {
        $team = New-TestTeam -Emulator $emulator
        # Seeded oldest first; the list is newest first.
        $seeded = @((Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = $Count }).products)
        [array]::Reverse($seeded)
        Clear-EmulatorRequest -Emulator $emulator

        $listed = @(Get-AdsumoProduct)

        $listed.Count | Should -Be $Count
        (@($listed.Id) -join ',') | Should -Be (@($seeded) -join ',')
        Get-PageQuery -Path products | Should -Be (Get-ExpectedPageQuery -Count $Count)
    }

    It 'lists <Count> generations, every one once, asking each page once' -ForEach $counts {
        $team = New-TestTeam -Emulator $emulator
        $seeded = @((Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ generations = @{ count = $Count } }).generations)
        [array]::Reverse($seeded)
        Clear-EmulatorRequest -Emulator $emulator

        $listed = @(Get-AdsumoGeneration)

        $listed.Count | Should -Be $Count
        (@($listed.Id) -join ',') | Should -Be (@($seeded) -join ',')
        Get-PageQuery -Path generations | Should -Be (Get-ExpectedPageQuery -Count $Count)
    }
}
