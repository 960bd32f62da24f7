# New-AdsumoImage and New-AdsumoProductShot against the emulator: what they send, what they write, -Wait over a
# pipeline down to the saved files, failures, and the checks made before anything is sent. Prices are in
# Pricing.Tests.ps1.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    # Short generations, so that -Wait tests finish quickly; they poll every 0.1 s.
    $script:emulator = Start-TestEmulator -Arguments '--generation-seconds', '0.5'
    $script:pngMagic = [byte[]] (0x89, 0x50, 0x4E, 0x47)
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'New-AdsumoImage' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'sends every field and writes the new generation at once, still processing' {
        $generation = New-AdsumoImage -Prompt 'A steel bottle on a wooden table' -Model pro -AspectRatio 4:5 -Quantity 3 -Resolution 2k
        $generation | Should -BeOfType ([Adsumo.Generation])
        $generation.Id | Should -Match '^[0-9a-f-]{36}$'
        $generation.Type | Should -Be 'image'
        $generation.Status | Should -Be 'processing'
        $generation.EstimatedCredits | Should -Be 6
        $details = (Get-AdsumoGeneration -Id $generation.Id).Details
        $details.Prompt | Should -Be 'A steel bottle on a wooden table'
        $details.Model | Should -Be 'pro'
        $details.AspectRatio | Should -Be '4:5'
        $details.Quantity | Should -Be 3
        $details.Resolution | Should -Be '2k'
    }

    It 'asks for one image at 1k when quantity and resolution are not given' {
        $generation = New-AdsumoImage -Prompt 'A mug' -Model fast -AspectRatio 1:1
        $details = (Get-AdsumoGeneration -Id $generation.Id).Details
        $details.Quantity | Should -Be 1
        $details.Resolution | Should -Be '1k'
    }

    It 'takes prompts, models and aspect ratios from the pipeline by property name' {
        $rows = 'red', 'blue', 'green' | ForEach-Object { [pscustomobject]@{ Prompt = "A $_ bottle"; Model = 'fast'; AspectRatio = '9:16' } }
        $made = $rows | New-AdsumoImage
        $made.Count | Should -Be 3
        $prompts = $made | ForEach-Object { (Get-AdsumoGeneration -Id $_.Id).Details.Prompt }
        ($prompts | Sort-Object) | Should -Be @('A blue bottle', 'A green bottle', 'A red bottle')
    }

    It 'waits with -Wait and writes the completed generation, which saves as a PNG' {
        $done = New-AdsumoImage -Prompt 'A bottle' -Model pro -AspectRatio 1:1 -Quantity 3 -Wait -PollIntervalSeconds 0.1
        $done.Status | Should -Be 'completed'
        $done.CompletedAt | Should -Not -BeNullOrEmpty
        # The estimate made at submission survives the wait: 3 pro images at 1k.
        $done.EstimatedCredits | Should -Be 6
        $file = $done | Save-AdsumoGeneration -Path (Join-Path $TestDrive "image-$($done.Id).png")
        Get-FileMagic $file.FullName 0 4 | Should -Be $pngMagic
    }

    It 'fails with -Wait as Adsumo.GenerationFailed carrying the emulator''s reason for a [fail] prompt' {
        $output = New-AdsumoImage -Prompt 'A [fail] bottle' -Model fast -AspectRatio 1:1 -Wait -PollIntervalSeconds 0.1 `
            -ErrorVariable failures -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.GenerationFailed,Adsumo.Commands.NewAdsumoImageCommand'
        $failed = Get-AdsumoGeneration -Id $failures[0].TargetObject
        $failed.Status | Should -Be 'failed'
        $failures[0].ToString() | Should -Match ([regex]::Escape($failed.ErrorMessage))
    }

    It 'refuses <Case> before sending anything' -ForEach @(
        @{ Case = 'an aspect ratio with an x'; Splat = @{ AspectRatio = '16x9' }; Id = 'Adsumo.InvalidAspectRatio' }
        @{ Case = 'a word for an aspect ratio'; Splat = @{ AspectRatio = 'square' }; Id = 'Adsumo.InvalidAspectRatio' }
        @{ Case = 'a quantity of 0'; Splat = @{ Quantity = 0 }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'a quantity of 9'; Splat = @{ Quantity = 9 }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'an unknown model'; Splat = @{ Model = 'ultra' }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'an unknown resolution'; Splat = @{ Resolution = '8k' }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'an empty prompt'; Splat = @{ Prompt = '' }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'a blank prompt'; Splat = @{ Prompt = '    ' }; Id = 'Adsumo.MissingValue' }
    ) {
        $parameters = @{ Prompt = 'A bottle'; Model = 'fast'; AspectRatio = '1:1' }
        foreach ($key in $Splat.Keys) { $parameters[$key] = $Splat[$key] }
        Clear-EmulatorRequest -Emulator $emulator
        { New-AdsumoImage @parameters } | Should -Throw -ErrorId "$Id,Adsumo.Commands.NewAdsumoImageCommand"
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }
}

Describe 'New-AdsumoProductShot' {
    BeforeEach {
        $script:team = New-TestTeam -Emulator $emulator
        $script:productIds = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 3 }).products
    }

    It 'binds products piped from Get-AdsumoProduct to -ProductId and sends every field' {
        $made = Get-AdsumoProduct | New-AdsumoProductShot -StyleId lifestyle-outdoor -Model pro -AspectRatio 1:1 -Quantity 2 -Resolution 4k -AdditionalPrompt 'soft shadows'
        $made.Count | Should -Be 3
        $made.Status | Sort-Object -Unique | Should -Be 'processing'
        $made.EstimatedCredits | Sort-Object -Unique | Should -Be 8
        $details = $made | ForEach-Object { (Get-AdsumoGeneration -Id $_.Id).Details }
        ($details.ProductId | Sort-Object) | Should -Be ($productIds | Sort-Object)
        $details.StyleId | Sort-Object -Unique | Should -Be 'lifestyle-outdoor'
        $details.Model | Sort-Object -Unique | Should -Be 'pro'
        $details.Quantity | Sort-Object -Unique | Should -Be 2
        $details.Resolution | Sort-Object -Unique | Should -Be '4k'
        $details.AdditionalPrompt | Sort-Object -Unique | Should -Be 'soft shadows'
    }

    It 'makes every product''s shots side by side with -Wait and saves them as PNG files' {
        # Long enough that a cmdlet waiting for each shot before sending the next would be caught below.
        Set-EmulatorSetting -Emulator $emulator -Setting @{ generation_seconds = 3 }
        Push-Location $TestDrive
        try {
            Clear-EmulatorRequest -Emulator $emulator
            $files = Get-AdsumoProduct | New-AdsumoProductShot -StyleId studio-white -Model fast -AspectRatio 1:1 -Wait -PollIntervalSeconds 0.2 |
                Save-AdsumoGeneration -Path ./ads
        }
        finally {
            Pop-Location
            Set-EmulatorSetting -Emulator $emulator -Setting @{ generation_seconds = 0.5 }
        }
        $files.DirectoryName | Sort-Object -Unique | Should -Be (Join-Path $TestDrive 'ads')
        $files.Count | Should -Be 3
        foreach ($file in $files) { Get-FileMagic $file.FullName 0 4 | Should -Be $pngMagic }
        $made = @(Get-AdsumoGeneration)
        $made.Count | Should -Be 3
        ($files.Name | Sort-Object) | Should -Be ($made | ForEach-Object { "image-$($_.Id).png" } | Sort-Object)
        # Waited on together: every shot was sent before the first one finished.
        $sent = @(Get-EmulatorRequest -Emulator $emulator | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/images/product-shots' } |
            ForEach-Object { [DateTimeOffset] $_.time } | Sort-Object)
        $sent.Count | Should -Be 3
        $firstDone = ($made.CompletedAt | Sort-Object)[0]
        $sent[-1] | Should -BeLessThan $firstDone
    }

    It 'fails with -Wait as Adsumo.GenerationFailed for a [fail] additional prompt' {
        $output = New-AdsumoProductShot -ProductId $productIds[0] -StyleId studio-white -Model fast -AspectRatio 1:1 -AdditionalPrompt 'then [fail]' `
            -Wait -PollIntervalSeconds 0.1 -ErrorVariable failures -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.GenerationFailed,Adsumo.Commands.NewAdsumoProductShotCommand'
        $failures[0].ToString() | Should -Match ([regex]::Escape((Get-AdsumoGeneration -Id $failures[0].TargetObject).ErrorMessage))
    }

    It 'passes on the service''s Adsumo.InvalidRequest for another team''s product, and charges nothing' {
        $other = New-TestTeam -Emulator $emulator
        New-AdsumoProductShot -ProductId $productIds[0] -StyleId studio-white -Model fast -AspectRatio 1:1 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.InvalidRequest,Adsumo.Commands.NewAdsumoProductShotCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].TargetObject | Should -Be $productIds[0]
        $failures[0].Exception.StatusCode | Should -Be 400
        (Get-AdsumoCredit -Connection $other.Connection).Used | Should -Be 0
        @(Get-AdsumoGeneration -Connection $other.Connection).Count | Should -Be 0
    }

    It 'refuses <Case> before sending anything' -ForEach @(
        @{ Case = 'a product id that is not a UUID'; Splat = @{ ProductId = 'trail-bottle' }; Id = 'Adsumo.InvalidId' }
        @{ Case = 'a style id with spaces and capitals'; Splat = @{ StyleId = 'Lifestyle Outdoor' }; Id = 'Adsumo.InvalidStyleId' }
        @{ Case = 'a style id with an underscore'; Splat = @{ StyleId = 'lifestyle_outdoor' }; Id = 'Adsumo.InvalidStyleId' }
        @{ Case = 'a bad aspect ratio'; Splat = @{ AspectRatio = '1/1' }; Id = 'Adsumo.InvalidAspectRatio' }
        @{ Case = 'a quantity of 0'; Splat = @{ Quantity = 0 }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'a quantity of 9'; Splat = @{ Quantity = 9 }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'an unknown model'; Splat = @{ Model = 'turbo' }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'an unknown resolution'; Splat = @{ Resolution = '3k' }; Id = 'ParameterArgumentValidationError' }
    ) {
        $parameters = @{ ProductId = $productIds[0]; StyleId = 'lifestyle-outdoor'; Model = 'fast'; AspectRatio = '1:1' }
        foreach ($key in $Splat.Keys) { $parameters[$key] = $Splat[$key] }
        Clear-EmulatorRequest -Emulator $emulator
        { New-AdsumoProductShot @parameters } | Should -Throw -ErrorId "$Id,Adsumo.Commands.NewAdsumoProductShotCommand"
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }
}
