BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator
    $script:image = 'https://example.com/images/bottle.png'
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'New-AdsumoProduct' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'creates a product with every field and reads the image from image_path' {
        $product = New-AdsumoProduct -Name 'Trail Bottle' -Description 'Insulated' -Category Outdoor -ImageUrl $image `
            -Price 29.99 -Currency eur -Link 'https://example.com/p'
        $product | Should -BeOfType ([Adsumo.Product])
        $product.Id | Should -Match '^[0-9a-f-]{36}$'
        $product.Name | Should -Be 'Trail Bottle'
        $product.ImageUrl | Should -Be $image
        $product.Price | Should -Be 29.99
        $product.Currency | Should -Be 'EUR'
        $product.Link | Should -Be 'https://example.com/p'
        $product.CreatedAt | Should -BeOfType ([DateTimeOffset])
        (Get-AdsumoProduct -Id $product.Id).ImageUrl | Should -Be $image
    }

    It 'defaults the currency to USD and leaves price and link empty' {
        $product = New-AdsumoProduct -Name Mug -Description d -Category c -ImageUrl $image
        $product.Currency | Should -Be 'USD'
        $product.Price | Should -BeNullOrEmpty
        $product.Link | Should -BeNullOrEmpty
    }

    It 'takes products from the pipeline by property name, as from Import-Csv' {
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ Name = "Row $_"; Description = 'd'; Category = 'c'; ImageUrl = $image; Price = ''; Currency = ''; Link = '' } }
        $created = $rows | New-AdsumoProduct
        $created.Count | Should -Be 3
        (Get-AdsumoProduct).Name | Sort-Object | Should -Be @('Row 1', 'Row 2', 'Row 3')
    }

    It 'sends nothing with -WhatIf' {
        Clear-EmulatorRequest -Emulator $emulator
        New-AdsumoProduct -Name Mug -Description d -Category c -ImageUrl $image -WhatIf
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
        @(Get-AdsumoProduct).Count | Should -Be 0
    }

    It 'refuses <Case> before sending anything' -ForEach @(
        @{ Case = 'a relative image URL'; Splat = @{ ImageUrl = 'images/x.png' }; Id = 'Adsumo.InvalidUrl' }
        @{ Case = 'an ftp image URL'; Splat = @{ ImageUrl = 'ftp://example.com/x.png' }; Id = 'Adsumo.InvalidUrl' }
        @{ Case = 'a bad link'; Splat = @{ Link = 'not a url' }; Id = 'Adsumo.InvalidUrl' }
        @{ Case = 'a two-letter currency'; Splat = @{ Currency = 'US' }; Id = 'Adsumo.InvalidCurrency' }
        @{ Case = 'a currency with digits'; Splat = @{ Currency = 'U5D' }; Id = 'Adsumo.InvalidCurrency' }
        @{ Case = 'a negative price'; Splat = @{ Price = -1 }; Id = 'Adsumo.InvalidPrice' }
        @{ Case = 'a blank name'; Splat = @{ Name = '   ' }; Id = 'Adsumo.MissingValue' }
    ) {
        $parameters = @{ Name = 'Mug'; Description = 'd'; Category = 'c'; ImageUrl = $image }
        foreach ($key in $Splat.Keys) { $parameters[$key] = $Splat[$key] }
        Clear-EmulatorRequest -Emulator $emulator
        { New-AdsumoProduct @parameters } | Should -Throw -ErrorId "$Id,Adsumo.Commands.NewAdsumoProductCommand"
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }
}

Describe 'Get-AdsumoProduct' {
    BeforeAll {
        $script:team = New-TestTeam -Emulator $emulator
        $script:seeded = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 250 }).products
    }
    BeforeEach { Clear-EmulatorRequest -Emulator $emulator }

    It 'lists every product across three pages of 100' {
        $all = Get-AdsumoProduct -Connection $team.Connection
        $all.Count | Should -Be 250
        ($all.Id | Sort-Object -Unique).Count | Should -Be 250
        ($all.Id | Sort-Object) | Should -Be ($seeded | Sort-Object)
        $requests = @(Get-EmulatorRequest -Emulator $emulator | Where-Object path -Like '*/products')
        $requests.Count | Should -Be 3
        $requests.query | Should -Be @('limit=100&offset=0', 'limit=100&offset=100', 'limit=100&offset=200')
    }

    It 'stops paging after one request when the pipeline stops early' {
        $first = Get-AdsumoProduct -Connection $team.Connection | Select-Object -First 3
        $first.Count | Should -Be 3
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object path -Like '*/products').Count | Should -Be 1
    }

    It 'pages on the server with -First and -Skip' {
        $page = Get-AdsumoProduct -Connection $team.Connection -First 10 -Skip 120
        $page.Count | Should -Be 10
        $all = Get-AdsumoProduct -Connection $team.Connection
        $page.Id | Should -Be $all[120..129].Id
        (Get-EmulatorRequest -Emulator $emulator | Where-Object path -Like '*/products')[0].query | Should -Be 'limit=10&offset=120'
    }

    It 'asks for the remaining items only, across pages, with -First 150 -Skip 30' {
        $items = Get-AdsumoProduct -Connection $team.Connection -First 150 -Skip 30
        $items.Count | Should -Be 150
        (Get-EmulatorRequest -Emulator $emulator | Where-Object path -Like '*/products').query | Should -Be @('limit=100&offset=30', 'limit=50&offset=130')
    }

    It 'writes the total first with -IncludeTotalCount' {
        $output = Get-AdsumoProduct -Connection $team.Connection -First 2 -IncludeTotalCount
        $output.Count | Should -Be 3
        $output[0].ToString() | Should -Match '250'
        $output[1] | Should -BeOfType ([Adsumo.Product])
    }

    It 'returns nothing past the end' {
        @(Get-AdsumoProduct -Connection $team.Connection -Skip 400).Count | Should -Be 0
    }

    It 'gets products by id, from the parameter and from the pipeline' {
        $one = Get-AdsumoProduct -Connection $team.Connection -Id $seeded[0]
        $one.Id | Should -Be $seeded[0]
        $two = $seeded[1..2] | Get-AdsumoProduct -Connection $team.Connection
        $two.Id | Should -Be $seeded[1..2]
    }

    It 'writes a non-terminating Adsumo.NotFound for a missing id and goes on' {
        $missing = [guid]::NewGuid().ToString()
        $found = Get-AdsumoProduct -Connection $team.Connection -Id $missing, $seeded[0] -ErrorVariable failures -ErrorAction SilentlyContinue
        $found.Id | Should -Be $seeded[0]
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.NotFound,Adsumo.Commands.GetAdsumoProductCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be $missing
        $failures[0].Exception.StatusCode | Should -Be 404
        $failures[0].Exception.ErrorCode | Should -Be 'not_found'
        $failures[0].Exception.RequestId | Should -Not -BeNullOrEmpty
        $failures[0].ToString() | Should -Match ([regex]::Escape($failures[0].Exception.RequestId))
    }

    It 'does not show another team''s products' {
        $other = New-TestTeam -Emulator $emulator
        @(Get-AdsumoProduct -Connection $other.Connection).Count | Should -Be 0
        { Get-AdsumoProduct -Connection $other.Connection -Id $seeded[0] -ErrorAction Stop } | Should -Throw -ErrorId 'Adsumo.NotFound,*'
    }

    It 'refuses an id that is not a UUID before sending anything' {
        { Get-AdsumoProduct -Connection $team.Connection -Id 'not-an-id' } | Should -Throw -ErrorId 'Adsumo.InvalidId,Adsumo.Commands.GetAdsumoProductCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'round-trips through ConvertTo-Json and Export-Csv' {
        $product = Get-AdsumoProduct -Connection $team.Connection -First 1
        ($product | ConvertTo-Json | ConvertFrom-Json).Id | Should -Be $product.Id
        $csv = Join-Path $TestDrive 'products.csv'
        Get-AdsumoProduct -Connection $team.Connection -First 5 | Export-Csv $csv
        (Import-Csv $csv).Count | Should -Be 5
    }
}

Describe 'Remove-AdsumoProduct' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'removes every product of a pipeline, though the list shrinks while it is read' {
        $null = Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 230 }
        Get-AdsumoProduct | Remove-AdsumoProduct -Force
        @(Get-AdsumoProduct).Count | Should -Be 0
    }

    It 'sends nothing with -WhatIf, even with -Force' {
        $ids = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 2 }).products
        Clear-EmulatorRequest -Emulator $emulator
        $ids | Remove-AdsumoProduct -WhatIf -Force
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -EQ 'DELETE').Count | Should -Be 0
        @(Get-AdsumoProduct).Count | Should -Be 2
    }

    It 'is a high-impact change that asks for confirmation' {
        $command = Get-Command Remove-AdsumoProduct
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }

    It 'says the product still has generations on a 409, and removes the others' {
        $product = New-AdsumoProduct -Name Mug -Description d -Category c -ImageUrl $image
        $free = New-AdsumoProduct -Name Cup -Description d -Category c -ImageUrl $image
        $null = New-AdsumoProductShot -ProductId $product.Id -StyleId studio-white -Model fast -AspectRatio 1:1
        $product, $free | Remove-AdsumoProduct -Force -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.Conflict,Adsumo.Commands.RemoveAdsumoProductCommand'
        $failures[0].ToString() | Should -Match 'still has generations'
        (Get-AdsumoProduct).Id | Should -Be @($product.Id)
    }

    It 'gives Adsumo.NotFound for a product that is not there' {
        { Remove-AdsumoProduct -Id ([guid]::NewGuid()) -Force -ErrorAction Stop } | Should -Throw -ErrorId 'Adsumo.NotFound,Adsumo.Commands.RemoveAdsumoProductCommand'
    }
}
