# Every view of the module's format file reads well at 80 and at 120 columns. The views are read from the file the
# module loads, so a view added later is checked too (and fails until it has a sample object below). In a table,
# every column but the last shows its label whole on one line and its value whole (word-wrapped in its column when
# long, never cut); the last column (the id, which the object keeps whole) shows whole at 120 columns and is either
# whole or left out at 80, never cut. A list shows every property's value, never a bare type name.

BeforeDiscovery {
    if (-not $env:ADSUMO_TEST_MODULE) { throw 'ADSUMO_TEST_MODULE is not set: run the tests through build.ps1 -Task Test.' }
    $formatFile = Join-Path (Split-Path $env:ADSUMO_TEST_MODULE) 'Adsumo.Format.ps1xml'
    $views = ([xml] (Get-Content $formatFile -Raw)).Configuration.ViewDefinitions.View
    $tableViews = @($views | Where-Object { $_.TableControl } | ForEach-Object { @{ View = $_.Name; Type = $_.ViewSelectedBy.TypeName } })
    $listTypes = @($views | ForEach-Object { $_.ViewSelectedBy.TypeName } | Sort-Object -Unique | ForEach-Object { @{ Type = $_ } })
    $widths = 80, 120
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator -Arguments '--generation-seconds', '0.3'
    $team = New-TestTeam -Emulator $emulator
    [xml] $script:format = Get-Content (Join-Path (Split-Path $env:ADSUMO_TEST_MODULE) 'Adsumo.Format.ps1xml') -Raw

    # Real objects with long, realistic values: the widest types, statuses and names the service gives.
    $failed = New-AdsumoImage -Prompt 'A steel bottle on a mountain ridge at dawn [fail]' -Model pro -AspectRatio 16:9 |
        Wait-AdsumoGeneration -IncludeFailed -PollIntervalSeconds 0.1
    $talking = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ generations = @{ count = 1; type = 'talking-avatar'; status = 'processing'; seconds = -1 } }).generations
    $voices = @(Get-AdsumoVoice)
    $failedEvent = @{
        event = 'generation.failed'; generation_id = $failed.Id; type = 'talking-avatar'; status = 'failed'
        error_message = 'The script could not be spoken in the chosen voice.'; created_at = '2026-01-15T12:00:00Z'; completed_at = '2026-01-15T12:04:00Z'
    } | ConvertTo-Json
    $script:journal = Join-Path ([IO.Path]::GetTempPath()) ('adsumo-views-' + [guid]::NewGuid().ToString('N') + '.jsonl')
    $null = [pscustomobject]@{ Sku = 'SKU-TRAIL-BOTTLE-750-FOREST-GREEN-2026' } |
        New-AdsumoImage -Prompt 'A steel bottle on a mountain ridge at dawn' -Model pro -AspectRatio 16:9 -Resolution 4k -Quantity 8 -Journal $journal -JournalKey { $_.Sku }
    $null = New-AdsumoImage -Prompt 'The same bottle by a lake' -Model fast -AspectRatio 1:1 -Journal $journal
    $script:samples = @{
        'Adsumo.JournalEntry'  = @(Get-AdsumoJournal -Path $journal)
        'Adsumo.CostEstimate'  = @(New-AdsumoImage -Prompt 'A steel bottle on a mountain ridge at dawn' -Model pro -AspectRatio 16:9 -Resolution 4k -Quantity 8 -Estimate) +
            @(New-AdsumoAIVideo -Prompt 'A steel bottle on a mountain ridge at dawn' -Model sora-2-pro -Duration 12 -Estimate)
        'Adsumo.Product'       = @(New-AdsumoProduct -Name 'Summit Insulated Stainless Steel Trail Bottle, 750 ml, Forest Green' `
                -Description d -Category 'Outdoor Gear' -ImageUrl https://example.com/p.png -Price 1299.99 -Currency EUR)
        'Adsumo.Avatar'        = @(New-AdsumoAvatar -Name 'Ava from the Northern Sales Team' -ImageUrl https://example.com/ava.png) +
            @(Get-AdsumoAvatar -Type Platform | Where-Object AgeGroup -EQ 'young_adult' | Select-Object -First 1)
        'Adsumo.Generation'    = @(Get-AdsumoGeneration -Id $failed.Id) + @(Get-AdsumoGeneration -Id $talking)
        'Adsumo.CreditBalance' = @(Get-AdsumoCredit)
        'Adsumo.Voice'         = @($voices | Sort-Object { $_.Name.Length } -Descending | Select-Object -First 1) +
            @($voices | Where-Object Style -EQ 'professional' | Select-Object -First 1)
        'Adsumo.Voiceover'     = @(New-AdsumoVoiceover -Text 'Meet the Trail Bottle: insulated, light, and ready for the mountains all day long.' -VoiceId $voices[0].Id)
        'Adsumo.WebhookEvent'  = @(ConvertFrom-AdsumoWebhook -Body $failedEvent)
        'Adsumo.Connection'    = @($team.Connection)
    }

    function script:Get-Sample([string] $Type) {
        $found = $samples[$Type]
        if (-not $found) { throw "No sample object of $Type to check its view with: add one to the samples in Views.Tests.ps1." }
        $found
    }

    function script:Get-Columns([string] $View) {
        $table = @($format.Configuration.ViewDefinitions.View | Where-Object Name -EQ $View)[0].TableControl
        $headers = @($table.TableHeaders.TableColumnHeader)
        $items = @($table.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem)
        $start = 0
        for ($i = 0; $i -lt $headers.Count; $i++) {
            $label = if ($headers[$i].Label) { $headers[$i].Label } else { $items[$i].PropertyName }
            $width = [int] $headers[$i].Width
            [pscustomobject]@{ Label = $label; Width = $width; Start = $start; Item = $items[$i]; Last = $i -eq $headers.Count - 1 }
            $start += $width + 1
        }
    }

    function script:Get-Shown($Item, $Object) {
        # The text the view shows for an item: its property, or what its script block writes.
        if ($Item.PropertyName) { $value = $Object.($Item.PropertyName); return $(if ($null -eq $value) { '' } else { "$value" }) }
        (@($Object | ForEach-Object ([scriptblock]::Create($Item.ScriptBlock))) | ForEach-Object { "$_" }) -join "`n"
    }

    function script:Get-Cell([string[]] $Lines, $Column) {
        # A column's text over every line of a row, as laid out by its start and width.
        -join @(foreach ($line in $Lines) {
                if ($line.Length -le $Column.Start) { continue }
                $length = if ($Column.Last) { $line.Length - $Column.Start } else { [Math]::Min($Column.Width, $line.Length - $Column.Start) }
                $line.Substring($Column.Start, $length)
            })
    }

    function script:Get-Table([string] $View, $Object, [int] $Width) {
        $lines = @(($Object | Format-Table -View $View | Out-String -Width $Width) -split '\r?\n')
        $dashes = [Array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '^\s*-' })
        if ($dashes -lt 1) { throw "No table header in:`n$($lines -join "`n")" }
        $rows = @($lines[($dashes + 1)..($lines.Count - 1)])
        while ($rows.Count -and -not $rows[-1].Trim()) { $rows = @($rows | Select-Object -SkipLast 1) }
        [pscustomobject]@{ Header = $lines[$dashes - 1]; Rows = $rows; Text = $lines -join "`n" }
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
    if ($script:journal) { Remove-Item $script:journal -Force -ErrorAction SilentlyContinue }
}

Describe 'Table views' -ForEach $tableViews {
    It '<View>: gives every column a width its label fits in, and fits all but the last column in 80 columns' {
        $columns = @(Get-Columns $View)
        foreach ($column in $columns) {
            $column.Width | Should -BeGreaterOrEqual $column.Label.Length -Because "the label $($column.Label) must not be split"
        }
        $last = $columns[-1]
        ($last.Start - 1) | Should -BeLessOrEqual 79 -Because 'what people scan comes before the last column and must show at 80 columns'
    }

    It '<View> at <_> columns: shows every label whole and every value uncut' -ForEach $widths {
        $width = $_
        $columns = @(Get-Columns $View)
        foreach ($object in @(Get-Sample $Type)) {
            $table = Get-Table -View $View -Object $object -Width $width
            foreach ($column in $columns) {
                $expected = (Get-Shown $column.Item $object) -replace '\s'
                $cell = Get-Cell $table.Rows $column
                $label = if ($table.Header.Length -gt $column.Start) { (Get-Cell @($table.Header) $column).Trim() } else { '' }
                if ($column.Last -and $width -lt 120 -and -not $label) {
                    # Left out at 80 columns: then nothing of it shows.
                    $cell.Trim() | Should -BeNullOrEmpty -Because "$($column.Label) is either whole or left out`n$($table.Text)"
                    continue
                }
                $label | Should -BeExactly $column.Label -Because "the header must show $($column.Label) whole`n$($table.Text)"
                $cell | Should -Not -Match '…' -Because "$($column.Label) must not be cut`n$($table.Text)"
                ($cell -replace '\s') | Should -BeExactly $expected -Because "$($column.Label) must show its whole value`n$($table.Text)"
            }
        }
    }
}

Describe 'List views' -ForEach $listTypes {
    It '<Type> at <_> columns: shows every property''s value, none as a bare type name' -ForEach $widths {
        $width = $_
        foreach ($object in @(Get-Sample $Type)) {
            $text = ($object | Format-List | Out-String -Width $width) -replace '\s'
            foreach ($property in $object.PSObject.Properties) {
                $value = $property.Value
                $shown = if ($null -eq $value) { '' } elseif ($value -is [IFormattable]) { ([IFormattable] $value).ToString($null, [cultureinfo]::CurrentCulture) } else { "$value" }
                if ($null -ne $value) { $shown | Should -Not -Be $value.GetType().FullName -Because "$Type.$($property.Name) must show its contents" }
                $text | Should -Match ([regex]::Escape("$($property.Name):$($shown -replace '\s')")) -Because "$Type.$($property.Name) must be listed whole"
            }
        }
    }
}
