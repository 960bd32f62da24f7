BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator
}

AfterAll {
    Disconnect-Adsumo
    Remove-Item Env:ADSUMO_API_KEY, Env:ADSUMO_BASE_URI -ErrorAction SilentlyContinue
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'Connect-Adsumo' {
    AfterEach {
        Disconnect-Adsumo
        Remove-Item Env:ADSUMO_API_KEY, Env:ADSUMO_BASE_URI -ErrorAction SilentlyContinue
    }

    It 'checks the key with the credit balance and sets the runspace default' {
        $key = New-TestKey
        Clear-EmulatorRequest -Emulator $emulator
        $connection = Connect-Adsumo -ApiKey $key -BaseUri $emulator.BaseUri -PassThru
        $connection | Should -BeOfType ([Adsumo.Connection])
        $connection.BaseUri | Should -Be ([uri] $emulator.BaseUri)
        $connection.Source | Should -Be 'Connect-Adsumo'
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        $requests.Count | Should -Be 1
        $requests[0].path | Should -Be '/api/v1/account/credits'
        $requests[0].authorization | Should -BeTrue
        (Get-AdsumoConnection).ApiKey | Should -Be $connection.ApiKey
        (Get-AdsumoCredit).Limit | Should -Be 600
    }

    It 'writes nothing without -PassThru' {
        $output = Connect-Adsumo -ApiKey (New-TestKey) -BaseUri $emulator.BaseUri
        $output | Should -BeNullOrEmpty
    }

    It 'masks the key to its prefix and last four characters, everywhere it shows' {
        $key = New-TestKey
        $connection = Connect-Adsumo -ApiKey $key -BaseUri $emulator.BaseUri -PassThru
        $connection.ApiKey | Should -Be ('adsumo_sk_****' + $key.Substring($key.Length - 4))
        $shown = ($connection | Format-List * | Out-String) + ($connection | ConvertTo-Json -Depth 10) + $connection.ToString()
        $shown | Should -Not -Match ([regex]::Escape($key.Substring(10, 12)))
    }

    It 'accepts the key as a SecureString and as a PSCredential' {
        $key = New-TestKey
        $secure = ConvertTo-SecureString $key -AsPlainText -Force
        (Connect-Adsumo -ApiKey $secure -BaseUri $emulator.BaseUri -PassThru).ApiKey | Should -BeLike ('*' + $key.Substring($key.Length - 4))
        $credential = [pscredential]::new('adsumo', $secure)
        (Connect-Adsumo -ApiKey $credential -BaseUri $emulator.BaseUri -PassThru).ApiKey | Should -BeLike ('*' + $key.Substring($key.Length - 4))
    }

    It 'fails clearly on a key the service refuses, without echoing it' {
        $key = 'adsumo_sk_' + 'x'
        $error.Clear()
        { Connect-Adsumo -ApiKey $key -BaseUri $emulator.BaseUri } | Should -Throw -ErrorId 'Adsumo.Unauthorized,Adsumo.Commands.ConnectAdsumoCommand'
        $error[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $error[0].ToString() | Should -Match 'Could not connect'
        Get-AdsumoConnection | Should -BeNullOrEmpty
    }

    It 'refuses a team below the Starter tier with Adsumo.Forbidden' {
        { Connect-Adsumo -ApiKey (New-TestKey -Prefix 'adsumo_sk_free_') -BaseUri $emulator.BaseUri } |
            Should -Throw -ErrorId 'Adsumo.Forbidden,Adsumo.Commands.ConnectAdsumoCommand'
    }

    It 'refuses <Case> before any request' -ForEach @(
        @{ Case = 'a key without the adsumo_sk_ prefix'; Key = 'sk_live_1234567890'; Uri = $null; Id = 'Adsumo.InvalidApiKey' }
        @{ Case = 'a key with a space'; Key = 'adsumo_sk_abc def1234'; Uri = $null; Id = 'Adsumo.InvalidApiKey' }
        @{ Case = 'plain http to another host'; Key = 'adsumo_sk_abcdefgh1234'; Uri = 'http://example.com/api/v1'; Id = 'Adsumo.InsecureBaseUri' }
        @{ Case = 'a relative base URI'; Key = 'adsumo_sk_abcdefgh1234'; Uri = 'api/v1'; Id = 'Adsumo.InvalidBaseUri' }
        @{ Case = 'a base URI with credentials'; Key = 'adsumo_sk_abcdefgh1234'; Uri = 'https://user:pass@example.com/api/v1'; Id = 'Adsumo.InvalidBaseUri' }
    ) {
        Clear-EmulatorRequest -Emulator $emulator
        $parameters = @{ ApiKey = $Key; BaseUri = if ($Uri) { $Uri } else { $emulator.BaseUri } }
        $error.Clear()
        { Connect-Adsumo @parameters } | Should -Throw -ErrorId "$Id,Adsumo.Commands.ConnectAdsumoCommand"
        $error[0].ToString() | Should -Not -Match ([regex]::Escape($Key.Substring([math]::Min(10, $Key.Length - 1))))
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'reads the key and the base URI from the environment' {
        $env:ADSUMO_API_KEY = New-TestKey
        $env:ADSUMO_BASE_URI = $emulator.BaseUri
        $connection = Connect-Adsumo -PassThru
        $connection.BaseUri | Should -Be ([uri] $emulator.BaseUri)
        $connection.ApiKey | Should -BeLike ('*' + $env:ADSUMO_API_KEY.Substring($env:ADSUMO_API_KEY.Length - 4))
    }

    It 'says what is missing when there is no key at all' {
        { Connect-Adsumo -BaseUri $emulator.BaseUri } | Should -Throw -ErrorId 'Adsumo.MissingApiKey,Adsumo.Commands.ConnectAdsumoCommand'
    }
}

Describe 'Working without Connect-Adsumo' {
    AfterEach { Remove-Item Env:ADSUMO_API_KEY, Env:ADSUMO_BASE_URI -ErrorAction SilentlyContinue }

    It 'uses ADSUMO_API_KEY and ADSUMO_BASE_URI when nothing is connected' {
        Disconnect-Adsumo
        $env:ADSUMO_API_KEY = New-TestKey
        $env:ADSUMO_BASE_URI = $emulator.BaseUri
        $product = New-AdsumoProduct -Name Env -Description d -Category c -ImageUrl https://example.com/x.png
        (Get-AdsumoProduct).Id | Should -Be $product.Id
        (Get-AdsumoConnection).Source | Should -Be 'Environment'
    }

    It 'fails with Adsumo.NotConnected when there is no connection and no key' {
        Disconnect-Adsumo
        { Get-AdsumoCredit } | Should -Throw -ErrorId 'Adsumo.NotConnected,Adsumo.Commands.GetAdsumoCreditCommand'
        Get-AdsumoConnection | Should -BeNullOrEmpty
    }

    It 'works in a new process from the environment alone' {
        $key = New-TestKey
        $result = Invoke-ChildPwsh -Environment @{ ADSUMO_API_KEY = $key; ADSUMO_BASE_URI = $emulator.BaseUri } -Script @"
Import-Module '$env:ADSUMO_TEST_MODULE'
(Get-AdsumoCredit).Remaining
"@
        $result.ExitCode | Should -Be 0
        $result.Output[-1] | Should -Be '600'
    }
}

Describe 'Connections per runspace' {
    It 'keeps two connections apart in ForEach-Object -Parallel' {
        $teams = 1..2 | ForEach-Object { New-TestTeam -Emulator $emulator }
        $null = Add-EmulatorData -Emulator $emulator -Key $teams[0].Key -Data @{ products = 3 }
        $null = Add-EmulatorData -Emulator $emulator -Key $teams[1].Key -Data @{ products = 5 }
        $module = $env:ADSUMO_TEST_MODULE
        $counts = $teams | ForEach-Object -ThrottleLimit 2 -Parallel {
            Import-Module $using:module
            $team = $_
            1..20 | ForEach-Object { @(Get-AdsumoProduct -Connection $team.Connection).Count } | Sort-Object -Unique
        }
        $counts | Sort-Object | Should -Be @(3, 5)
    }

    It 'does not share the default connection with another runspace' {
        $team = New-TestTeam -Emulator $emulator
        $module = $env:ADSUMO_TEST_MODULE
        $inside = 1 | ForEach-Object -Parallel { Import-Module $using:module; [bool](Get-AdsumoConnection) }
        $inside | Should -BeFalse
        (Get-AdsumoConnection).ApiKey | Should -Be $team.Connection.ApiKey
    }

    It 'forgets the default with Disconnect-Adsumo but keeps connection objects working' {
        $team = New-TestTeam -Emulator $emulator
        Disconnect-Adsumo
        Get-AdsumoConnection | Should -BeNullOrEmpty
        (Get-AdsumoCredit -Connection $team.Connection).Remaining | Should -Be 600
    }
}

Describe 'Get-AdsumoCredit' {
    It 'reports used, limit and remaining, and follows spending' {
        $team = New-TestTeam -Emulator $emulator
        $before = Get-AdsumoCredit
        $before | Should -BeOfType ([Adsumo.CreditBalance])
        $before.Used | Should -Be 0
        $before.Remaining | Should -Be 600
        $null = New-AdsumoImage -Prompt p -Model pro -AspectRatio 1:1 -Quantity 2 -Resolution 4k
        $after = Get-AdsumoCredit
        $after.Used | Should -Be 8
        $after.Remaining | Should -Be 592
        $after.Limit | Should -Be ($after.Used + $after.Remaining)
    }
}
