# The objects the module writes are read-only to users (changing a copy would never reach the service), yet they
# still round-trip through CliXml, JSON and CSV back into the cmdlets that take them by property name. The HTTP core,
# loaded in its own AssemblyLoadContext, still fills them.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator -Arguments '--generation-seconds', '0.3'
    $script:folder = New-TestFolder -Prefix 'adsumo-roundtrip-'

    function script:Send-RoundTrip {
        <# Writes objects out in one format and reads them back as a new process would: plain PowerShell objects. #>
        param([Parameter(Mandatory)] [string] $Format, [Parameter(Mandatory)] [object[]] $InputObject)
        $file = Join-Path $folder ([guid]::NewGuid().ToString('N'))
        switch ($Format) {
            'CliXml' { $InputObject | Export-Clixml $file; Import-Clixml $file }
            'Json' { $InputObject | ConvertTo-Json -Depth 4 | Set-Content $file; Get-Content $file -Raw | ConvertFrom-Json | ForEach-Object { $_ } }
            'Csv' { $InputObject | Export-Csv $file; Import-Csv $file }
        }
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
    Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Read-only objects' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'has no public setter on any public type of the models, new types included' {
        $types = [Adsumo.Product].Assembly.GetExportedTypes()
        $types.FullName | Should -Contain 'Adsumo.Generation'
        $settable = foreach ($type in $types) {
            foreach ($property in $type.GetProperties()) {
                # What the models declare; an exception's HelpLink and Source are .NET's own.
                $declared = $property.DeclaringType.Assembly -eq $type.Assembly
                if ($declared -and $property.SetMethod -and $property.SetMethod.IsPublic) { "$($type.FullName).$($property.Name)" }
            }
        }
        $settable | Should -BeNullOrEmpty
    }

    It 'refuses to change <Property> of a <Kind>, and the object keeps its value' -ForEach @(
        @{ Kind = 'product'; Property = 'Name' }
        @{ Kind = 'product'; Property = 'Price' }
        @{ Kind = 'generation'; Property = 'Status' }
        @{ Kind = 'credit balance'; Property = 'Remaining' }
        @{ Kind = 'connection'; Property = 'BaseUri' }
    ) {
        $object = switch ($Kind) {
            'product' { New-AdsumoProduct -Name 'Trail Bottle' -Description d -Category c -ImageUrl https://example.com/b.png -Price 29.99 }
            'generation' { New-AdsumoImage -Prompt 'A bottle' -Model fast -AspectRatio 1:1 }
            'credit balance' { Get-AdsumoCredit }
            'connection' { $team.Connection }
        }
        $before = $object.$Property
        { $object.$Property = 'x' } | Should -Throw -ErrorId 'PropertyAssignmentException'
        $object.$Property | Should -Be $before
    }

    It 'round-trips products through <Format> into Get-AdsumoProduct and Remove-AdsumoProduct by property name' -ForEach @(
        @{ Format = 'CliXml' }, @{ Format = 'Json' }, @{ Format = 'Csv' }
    ) {
        $made = 'Trail Bottle', 'Camp Mug' | ForEach-Object { New-AdsumoProduct -Name $_ -Description d -Category Outdoor -ImageUrl https://example.com/p.png -Price 29.99 -Currency EUR }
        $back = @(Send-RoundTrip -Format $Format -InputObject $made)
        $back.Count | Should -Be 2
        $back[0] | Should -Not -BeOfType ([Adsumo.Product])
        $back.Name | Should -Be $made.Name
        [decimal] $back[0].Price | Should -Be 29.99

        $read = @($back | Get-AdsumoProduct)
        $read | Should -BeOfType ([Adsumo.Product])
        $read.Id | Should -Be $made.Id
        $read[0].Price | Should -Be 29.99

        $back | Remove-AdsumoProduct -Force
        @(Get-AdsumoProduct).Count | Should -Be 0
    }

    It 'round-trips products through CSV into New-AdsumoProduct of another team, prices intact' {
        $made = New-AdsumoProduct -Name 'Trail Bottle' -Description d -Category Outdoor -ImageUrl https://example.com/p.png -Price 1299.5 -Currency EUR
        $back = Send-RoundTrip -Format Csv -InputObject $made
        $other = New-TestTeam -Emulator $emulator
        $copy = $back | New-AdsumoProduct -Connection $other.Connection
        $copy.Name | Should -Be 'Trail Bottle'
        $copy.Price | Should -Be 1299.5
        $copy.Currency | Should -Be 'EUR'
        $copy.Id | Should -Not -Be $made.Id
    }

    It 'round-trips generations through <Format> into Wait-AdsumoGeneration and Save-AdsumoGeneration by property name' -ForEach @(
        @{ Format = 'CliXml' }, @{ Format = 'Json' }, @{ Format = 'Csv' }
    ) {
        $made = 'A bottle', 'A mug' | ForEach-Object { New-AdsumoImage -Prompt $_ -Model fast -AspectRatio 1:1 }
        $back = @(Send-RoundTrip -Format $Format -InputObject $made)
        $back[0] | Should -Not -BeOfType ([Adsumo.Generation])
        $back.Status | Should -Be @('processing', 'processing')

        $done = @($back | Wait-AdsumoGeneration -PollIntervalSeconds 0.1)
        $done.Id | Sort-Object | Should -Be ($made.Id | Sort-Object)
        $done.Status | Sort-Object -Unique | Should -Be 'completed'

        # What a runbook saved before it restarted: the completed generations, read back in a new process.
        $saved = Join-Path $folder "saved-$Format"
        $null = New-Item -ItemType Directory $saved
        $files = @(Send-RoundTrip -Format $Format -InputObject $done | Save-AdsumoGeneration -Path $saved)
        $files.Count | Should -Be 2
        foreach ($id in $made.Id) { @($files.Name -like "*$id*").Count | Should -Be 1 }
    }

    It 'is filled in by the HTTP core from its own load context' {
        $null = Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 2 }
        $result = Invoke-ChildPwsh -Environment @{ ADSUMO_API_KEY = $team.Key; ADSUMO_BASE_URI = $emulator.BaseUri } -Script @"
Import-Module '$env:ADSUMO_TEST_MODULE'
`$products = @(Get-AdsumoProduct)
`$contextOf = { param(`$name) [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(@([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq `$name })[0]).GetType().Name }
"client `$(& `$contextOf 'Adsumo.Client')"
"models `$(& `$contextOf 'Adsumo.Models') `$(@([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Adsumo.Models' }).Count)"
"setter `$([Adsumo.Product].GetProperty('Name').SetMethod.IsAssembly)"
foreach (`$p in `$products) { "product `$(`$p -is [Adsumo.Product]) `$([bool]`$p.Id) `$([bool]`$p.Name) `$([bool]`$p.CreatedAt)" }
"@
        $result.ExitCode | Should -Be 0
        $result.Output | Should -Contain 'client IsolatedLoadContext'
        $result.Output | Should -Contain 'models DefaultAssemblyLoadContext 1'
        $result.Output | Should -Contain 'setter True'
        @($result.Output | Where-Object { $_ -like 'product *' }) | Should -Be @('product True True True True', 'product True True True True')
    }
}
