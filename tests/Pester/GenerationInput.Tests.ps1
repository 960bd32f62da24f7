# What Wait-AdsumoGeneration and Save-AdsumoGeneration take from the pipeline: generations, their ids, and objects
# with a GenerationId or Id; the module's other objects are refused as what they are, before anything is sent,
# rather than sent as if their ids were generations' (which the service answers 404).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator -Arguments '--generation-seconds', '0.3'
    $script:folder = New-TestFolder -Prefix 'adsumo-input-'

    function script:Get-NotAGeneration([string] $Kind) {
        switch ($Kind) {
            'product' { New-AdsumoProduct -Name 'Summit Bottle' -Description d -Category c -ImageUrl https://example.com/p.png }
            'avatar' { Get-AdsumoAvatar -Type Platform | Select-Object -First 1 }
            'voiceover' { New-AdsumoVoiceover -Text 'Hello' -VoiceId (Get-AdsumoVoice | Select-Object -First 1).Id }
            'product read back from CliXml' {
                $file = Join-Path $folder ([guid]::NewGuid().ToString('N'))
                New-AdsumoProduct -Name 'Summit Bottle' -Description d -Category c -ImageUrl https://example.com/p.png | Export-Clixml $file
                Import-Clixml $file
            }
        }
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
    Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Generations from the pipeline' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'refuses a <Kind> piped into <Command> as Adsumo.NotAGeneration, before sending anything' -ForEach @(
        foreach ($command in 'Wait-AdsumoGeneration', 'Save-AdsumoGeneration') {
            foreach ($kind in 'product', 'avatar', 'voiceover', 'product read back from CliXml') { @{ Command = $command; Kind = $kind } }
        }
    ) {
        $item = Get-NotAGeneration $Kind
        $parameters = if ($Command -eq 'Save-AdsumoGeneration') { @{ Path = $folder } } else { @{} }
        Clear-EmulatorRequest -Emulator $emulator
        $thrown = $null
        try { $item | & $Command @parameters -ErrorAction Stop }
        catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -Be "Adsumo.NotAGeneration,Adsumo.Commands.$($Command -replace '-')Command"
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$thrown" | Should -Match "^That is an? $($Kind -replace ' read back.*') \("
        "$thrown" | Should -Match ([regex]::Escape($item.Id))
        "$thrown" | Should -Match "$Command takes generations"
        $thrown.TargetObject.Id | Should -Be $item.Id
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'refuses a product among generations and still waits on the generations' {
        $product = Get-NotAGeneration 'product'
        $made = New-AdsumoImage -Prompt 'A bottle' -Model fast -AspectRatio 1:1
        $done = @($product, $made | Wait-AdsumoGeneration -PollIntervalSeconds 0.1 -ErrorVariable failures -ErrorAction SilentlyContinue)
        $done.Id | Should -Be @($made.Id)
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.NotAGeneration,Adsumo.Commands.WaitAdsumoGenerationCommand'
        $failures[0].TargetObject | Should -BeOfType ([Adsumo.Product])
    }

    It 'takes <Case> into Wait-AdsumoGeneration and Save-AdsumoGeneration' -ForEach @(
        @{ Case = 'generation objects'; Make = { param($g) $g } }
        @{ Case = 'ids'; Make = { param($g) $g.Id } }
        @{ Case = 'objects with an Id'; Make = { param($g) [pscustomobject]@{ Id = $g.Id; Note = 'from a CSV' } } }
        @{ Case = 'objects with a GenerationId'; Make = { param($g) [pscustomobject]@{ GenerationId = $g.Id; Id = 'row-7' } } }
    ) {
        $made = 'A bottle', 'A mug' | ForEach-Object { New-AdsumoImage -Prompt $_ -Model fast -AspectRatio 1:1 }
        $done = @($made | ForEach-Object { & $Make $_ } | Wait-AdsumoGeneration -PollIntervalSeconds 0.1)
        $done.Id | Sort-Object | Should -Be ($made.Id | Sort-Object)
        $target = Join-Path $folder ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $target
        $files = @($made | ForEach-Object { & $Make $_ } | Save-AdsumoGeneration -Path $target)
        $files.Count | Should -Be 2
    }

    It 'takes -Id as before' {
        $made = New-AdsumoImage -Prompt 'A lamp' -Model fast -AspectRatio 1:1
        (Wait-AdsumoGeneration -Id $made.Id -PollIntervalSeconds 0.1).Status | Should -Be 'completed'
        (Wait-AdsumoGeneration $made.Id -PollIntervalSeconds 0.1).Id | Should -Be $made.Id
    }
}
