# Connections are per runspace: parallel runspaces (ForEach-Object -Parallel, as runbooks and jobs use them) that
# each Connect-Adsumo with their own key, and then never pass -Connection, each see only their own team's data,
# however their calls interleave; and one connection object shared by several runspaces works from all at once.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ReliabilitySupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'Connections per runspace' {
    It 'starts each ForEach-Object -Parallel iteration of a reused runspace with no connection but its own' {
        # One runspace for all (-ThrottleLimit 1): PowerShell reuses it and resets its state between iterations, but
        # not the module's. The second iteration's key is refused (403), so its Connect-Adsumo fails; its product
        # must then fail for want of a connection, not land in the first iteration's team.
        $first = New-TestKey
        $refused = New-TestKey -Prefix 'adsumo_sk_free_'
        $module = $env:ADSUMO_TEST_MODULE
        $uri = $emulator.BaseUri
        $results = @($first, $refused, $first) | ForEach-Object -ThrottleLimit 1 -Parallel {
            Import-Module $using:module
            $runspace = [runspace]::DefaultRunspace.InstanceId
            # A refused key ends Connect-Adsumo with a terminating error, as a runbook would meet it.
            $connected = try { $null = Connect-Adsumo -ApiKey $_ -BaseUri $using:uri; $true } catch { $false }
            $product = $null
            $failure = ''
            try { $product = New-AdsumoProduct -Name 'made here' -Description d -Category c -ImageUrl https://example.com/p.png }
            catch { $failure = $_.FullyQualifiedErrorId }
            [pscustomobject]@{ Runspace = $runspace; Connected = $connected; Made = $null -ne $product; Error = $failure }
        }
        @($results.Runspace | Select-Object -Unique).Count | Should -Be 1 -Because 'the test is about a reused runspace'
        $results[0].Connected, $results[0].Made | Should -Be $true, $true
        $results[1].Connected, $results[1].Made | Should -Be $false, $false
        $results[1].Error | Should -Be 'Adsumo.NotConnected,Adsumo.Commands.NewAdsumoProductCommand'
        $results[2].Made | Should -BeTrue
        # The first team holds the two products of its own iterations, and nothing of the refused one.
        $null = Connect-Adsumo -ApiKey $first -BaseUri $uri
        @(Get-AdsumoProduct).Count | Should -Be 2
    }

    It 'forgets an iteration''s connection before the next iteration of a reused runspace, which makes none' {
        # Without a Connect-Adsumo of its own, the second iteration shows that the reset is detected as such (not
        # only that a failed Connect-Adsumo forgets the connection before it).
        $module = $env:ADSUMO_TEST_MODULE
        $uri = $emulator.BaseUri
        $results = (New-TestKey), $null | ForEach-Object -ThrottleLimit 1 -Parallel {
            Import-Module $using:module
            if ($_) { $null = Connect-Adsumo -ApiKey $_ -BaseUri $using:uri }
            $credit = try { $null = Get-AdsumoCredit -ErrorAction Stop; 'connected' } catch { $_.FullyQualifiedErrorId }
            [pscustomobject]@{ Runspace = [runspace]::DefaultRunspace.InstanceId; Credit = $credit }
        }
        @($results.Runspace | Select-Object -Unique).Count | Should -Be 1 -Because 'the test is about a reused runspace'
        $results.Credit | Should -Be 'connected', 'Adsumo.NotConnected,Adsumo.Commands.GetAdsumoCreditCommand'
    }

    It 'leaves the runspace without a default connection after a failed Connect-Adsumo' {
        $null = New-TestTeam -Emulator $emulator
        { Connect-Adsumo -ApiKey (New-TestKey -Prefix 'adsumo_sk_free_') -BaseUri $emulator.BaseUri } |
            Should -Throw -ErrorId 'Adsumo.Forbidden,Adsumo.Commands.ConnectAdsumoCommand'
        Get-AdsumoConnection | Should -BeNullOrEmpty
        { Get-AdsumoCredit } | Should -Throw -ErrorId 'Adsumo.NotConnected,Adsumo.Commands.GetAdsumoCreditCommand'
    }

    It 'keeps six teams apart in parallel runspaces that each connect with their own key' {
        # The parent runspace has a team of its own, which the parallel ones must neither see nor replace.
        $parent = New-TestTeam -Emulator $emulator
        $parentProduct = New-AdsumoProduct -Name 'Parent product' -Description d -Category parent -ImageUrl https://example.com/p.png
        $teams = foreach ($n in 1..6) {
            $key = New-TestKey
            $seeded = (Add-EmulatorData -Emulator $emulator -Key $key -Data @{ products = $n }).products
            [pscustomobject]@{ Label = "team$n"; Key = $key; Seeded = @($seeded) }
        }
        $module = $env:ADSUMO_TEST_MODULE
        $uri = $emulator.BaseUri

        $results = $teams | ForEach-Object -ThrottleLimit 6 -Parallel {
            Import-Module $using:module
            $team = $_
            Connect-Adsumo -ApiKey $team.Key -BaseUri $using:uri -RetryBaseDelaySeconds 0.05
            $seen = [Collections.Generic.HashSet[string]]::new()
            $created = [Collections.Generic.List[string]]::new()
            foreach ($i in 1..20) {
                # No -Connection anywhere: each call takes this runspace's default.
                $created.Add((New-AdsumoProduct -Name "$($team.Label) product $i" -Description d -Category $team.Label -ImageUrl https://example.com/p.png).Id)
                foreach ($product in Get-AdsumoProduct) { $null = $seen.Add($product.Id) }
                $null = Get-AdsumoCredit
            }
            [pscustomobject]@{
                Label   = $team.Label
                Hint    = (Get-AdsumoConnection).ApiKey
                Seen    = @($seen)
                Created = @($created)
                Final   = @(Get-AdsumoProduct).Count
            }
        }

        $results.Count | Should -Be 6
        foreach ($result in $results) {
            $team = $teams | Where-Object Label -EQ $result.Label
            $own = @($team.Seeded) + @($result.Created)
            $result.Hint | Should -Be ('adsumo_sk_****' + $team.Key.Substring($team.Key.Length - 4))
            $result.Final | Should -Be ($team.Seeded.Count + 20)
            # Everything it ever listed was its own team's; nothing of another team or of the parent.
            @($result.Seen | Where-Object { $_ -notin $own }).Count | Should -Be 0
            $result.Seen.Count | Should -Be $own.Count
            $parentProduct.Id | Should -Not -BeIn $result.Seen
        }
        # And the parent runspace is still connected as itself, seeing only its own product.
        (Get-AdsumoConnection).ApiKey | Should -Be $parent.Connection.ApiKey
        @(Get-AdsumoProduct).Id | Should -Be @($parentProduct.Id)
    }

    It 'does not lend a runspace''s default connection to another runspace' {
        $null = New-TestTeam -Emulator $emulator
        $module = $env:ADSUMO_TEST_MODULE
        $inside = 1..3 | ForEach-Object -ThrottleLimit 3 -Parallel {
            Import-Module $using:module
            try { $null = Get-AdsumoCredit -ErrorAction Stop; 'connected' } catch { $_.FullyQualifiedErrorId }
        }
        $expected = @('Adsumo.NotConnected,Adsumo.Commands.GetAdsumoCreditCommand') * 3
        $inside | Should -Be $expected
    }

    It 'lets several runspaces use one connection object at once' {
        $team = New-TestTeam -Emulator $emulator
        $null = Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 150 }
        $module = $env:ADSUMO_TEST_MODULE
        $connection = $team.Connection
        $counts = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:module
            foreach ($i in 1..10) { @(Get-AdsumoProduct -Connection $using:connection).Count }
        }
        $counts.Count | Should -Be 40
        @($counts | Sort-Object -Unique) | Should -Be @(150)
    }
}
