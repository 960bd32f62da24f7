# New-AdsumoProduct -Price: a number, or text that reads the same in every culture. PowerShell's own conversion reads
# '29,99' as 2999, so text that a culture could read differently is refused, before anything is sent, rather than
# guessed; an empty CSV cell means no price.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator
    $script:image = 'https://example.com/p.png'
    $script:folder = New-TestFolder -Prefix 'adsumo-prices-'
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
    Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'New-AdsumoProduct -Price' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'takes <Case> as <Expected>' -ForEach @(
        @{ Case = 'a number'; Price = 29.99; Expected = 29.99 }
        @{ Case = 'a decimal'; Price = [decimal] '1299.5'; Expected = 1299.5 }
        @{ Case = 'a whole number'; Price = 30; Expected = 30 }
        @{ Case = 'text with a decimal dot'; Price = '29.99'; Expected = 29.99 }
        @{ Case = 'text with spaces around it'; Price = ' 29.99 '; Expected = 29.99 }
        @{ Case = 'text without decimals'; Price = '1299'; Expected = 1299 }
        @{ Case = 'text with two decimals after thousands'; Price = '1299.00'; Expected = 1299 }
        @{ Case = 'text of three decimals after a zero'; Price = '0.125'; Expected = 0.125 }
        @{ Case = 'text of four decimals'; Price = '1.2990'; Expected = 1.299 }
        @{ Case = 'zero'; Price = '0'; Expected = 0 }
    ) {
        $product = New-AdsumoProduct -Name 'Mug' -Description d -Category c -ImageUrl $image -Price $Price
        $product.Price | Should -Be $Expected
        (Get-AdsumoProduct -Id $product.Id).Price | Should -Be $Expected
    }

    It 'takes <Case> as no price' -ForEach @(
        @{ Case = 'an empty cell'; Price = '' }
        @{ Case = 'a blank cell'; Price = '   ' }
    ) {
        $product = New-AdsumoProduct -Name 'Mug' -Description d -Category c -ImageUrl $image -Price $Price
        $product.Price | Should -BeNullOrEmpty
    }

    It 'refuses <Case> with Adsumo.InvalidPrice before sending anything' -ForEach @(
        @{ Case = 'a decimal comma'; Price = '29,99'; Why = 'comma' }
        @{ Case = 'a thousands comma'; Price = '1,299.00'; Why = 'comma' }
        @{ Case = 'European thousands and decimals'; Price = '1.299,00'; Why = 'comma' }
        @{ Case = 'a space between thousands'; Price = '1 299,99'; Why = 'comma' }
        @{ Case = 'a dot that may separate thousands'; Price = '1.299'; Why = 'thousands separator' }
        @{ Case = 'a currency sign'; Price = '$29.99'; Why = 'not a plain number' }
        @{ Case = 'a currency code'; Price = '29.99 EUR'; Why = 'not a plain number' }
        @{ Case = 'an exponent'; Price = '1e3'; Why = 'not a plain number' }
        @{ Case = 'two dots'; Price = '12.34.56'; Why = 'not a plain number' }
        @{ Case = 'a negative text'; Price = '-5'; Why = 'zero or more' }
        @{ Case = 'a negative number'; Price = -0.5; Why = 'zero or more' }
        @{ Case = 'a number that is not finite'; Price = [double]::NaN; Why = 'not a price' }
    ) {
        Clear-EmulatorRequest -Emulator $emulator
        $thrown = $null
        try { New-AdsumoProduct -Name 'Mug' -Description d -Category c -ImageUrl $image -Price $Price -ErrorAction Stop }
        catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -Be 'Adsumo.InvalidPrice,Adsumo.Commands.NewAdsumoProductCommand'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$thrown" | Should -Match ([regex]::Escape($Why))
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'refuses the row of an Import-Csv whose price has a decimal comma, instead of making it 100 times dearer, and makes the others' {
        $csv = Join-Path $folder 'products.csv'
        Set-Content $csv -Value @(
            'Name,Description,Category,ImageUrl,Price,Currency'
            "Trail Bottle,Insulated,Outdoor,$image,29.99,EUR"
            "Camp Mug,Enamel,Outdoor,$image,""12,50"",EUR"
            "Tote Bag,Canvas,Outdoor,$image,,"
        )
        Import-Csv $csv | New-AdsumoProduct -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.InvalidPrice,Adsumo.Commands.NewAdsumoProductCommand'
        $failures[0].TargetObject | Should -Be 'Camp Mug'
        "$($failures[0])" | Should -Match "'12,50'"
        $products = @(Get-AdsumoProduct)
        $products.Name | Sort-Object | Should -Be @('Tote Bag', 'Trail Bottle')
        ($products | Where-Object Name -EQ 'Trail Bottle').Price | Should -Be 29.99
        ($products | Where-Object Name -EQ 'Tote Bag').Price | Should -BeNullOrEmpty
        $products.Price | Should -Not -Contain 1250
    }
}
