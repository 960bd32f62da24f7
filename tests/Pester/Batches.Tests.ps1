# Batches that survive anything, and no ad paid for twice: the kill test (a child pwsh running the nightly runbook,
# killed without warning and started again until it ends, under 500s, resets and 429s before and after the work),
# a run without kills under the same faults, identical requests from two runspaces with lost answers, the journal
# (torn, in use by another process, another team's), a service whose clock is off, estimates as objects, concurrent
# submission and Ctrl+C. The kill test's figures go to out/test-results/reliability-figures.json (section batches),
# which the test run writes into docs/batches.md.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ReliabilitySupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../tools/KillRun.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator -Arguments @('--generation-seconds', '0.3', '--credits', '1000000', '--result-bytes', '2048')
    # The faults of the kill test: 20 % 500s and 5 % resets, before or after the work, and 10 % 429s.
    $script:batchFaults = @{ error_rate = 0.2; reset_rate = 0.05; rate_limit_rate = 0.1; retry_after_seconds = 0; timing = 'mixed' }

    function New-BatchTeam {
        <# A team whose connection retries hard and settles fast, as the runbook's does. #>
        param([string] $Key = (New-TestKey), $On = $script:emulator)
        $connection = Connect-Adsumo -ApiKey $Key -BaseUri $On.BaseUri -PassThru -MaxRetries 20 -RetryBaseDelaySeconds 0.01 `
            -ReconcileSettleSeconds 0.5 -ReconcileLostSettleSeconds 1 -MaxResends 10
        [pscustomobject]@{ Key = $Key; Connection = $connection }
    }

    function Get-PromptOf {
        <# The prompt of each generation, read by id (the list has no details). #>
        param($Connection, [string[]] $Id)
        if (-not $Id) { return @() }
        @(Get-AdsumoGeneration -Id $Id -Connection $Connection | ForEach-Object { $_.Details.Prompt })
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'The kill test' {
    It 'makes each of <Rows> rows exactly once, saved whole, across <Kills> kills without warning (fault seed <Seed>)' -ForEach @(
        @{ Rows = 300; Kills = 3; Seed = 11 }
        @{ Rows = 300; Kills = 3; Seed = 12 }
    ) {
        $result = Invoke-KillRun -Emulator $emulator -ModulePath $env:ADSUMO_TEST_MODULE -Rows $Rows -Kills $Kills -Seed $Seed -ResultBytes 2048
        $journal = @(Get-AdsumoJournal -Path $result.Journal)
        $figure = [ordered]@{
            rows = $result.Rows; seed = $Seed; kills = $result.Kills; killed_at = @($result.Runs | Where-Object Killed | ForEach-Object At)
            runs = $result.Runs.Count; seconds = $result.Seconds; requests = $result.Requests; faults = $result.Faults
            generations = $result.Generations; lost = $result.Lost; duplicated = $result.Duplicated
            credits_used = $result.CreditsUsed; credits_expected = $result.CreditsExpected
            files_saved = $result.FilesSaved; files_whole = $result.FilesWhole; temporary_files = $result.TemporaryFiles
            in_doubt_at_restart = $result.InDoubtAtRestart; in_doubt_found = $result.InDoubtFound; in_doubt_resent = $result.InDoubtResent
            journal_saved = @($journal | Where-Object State -EQ 'Saved').Count
        }
        Save-ReliabilityFigure -Section batches -Name "kill test, $Rows rows, seed $Seed" -Value $figure
        Write-Host ("Kill test: " + ($figure | ConvertTo-Json -Compress -Depth 5))

        $result.Kills | Should -Be $Kills -Because 'the child is killed at each of the random points before it ends'
        $result.LastRunErrors | Should -BeNullOrEmpty
        foreach ($kind in 'error', 'rate_limit', 'reset') { $result.Faults[$kind] | Should -BeGreaterThan 0 -Because "$kind faults were injected" }
        $result.Lost | Should -Be 0
        $result.Duplicated | Should -Be 0
        $result.Generations | Should -Be $Rows
        $result.CreditsUsed | Should -Be $result.CreditsExpected
        $result.FilesSaved | Should -Be $Rows
        $result.FilesWhole | Should -Be $Rows
        $result.FilesMatchGenerations | Should -BeTrue
        $result.TemporaryFiles | Should -Be 0
        $journal.Count | Should -Be $Rows
        @($journal | Where-Object State -NE 'Saved').Count | Should -Be 0 -Because 'the journal says every row completed and was saved'
        @($journal | Where-Object { -not (Test-Path $_.SavedPath) }).Count | Should -Be 0
    }
}

Describe 'Under the kill test''s faults, without kills' {
    AfterEach { Clear-EmulatorFault -Emulator $emulator }

    It 'writes every row as a generation, reports none failed, and makes exactly one per row' {
        $team = New-BatchTeam
        $rows = @(New-KillRunRows -Count 200 -Seed 21)
        Set-EmulatorFault -Emulator $emulator -Fault ($batchFaults + @{ seed = 21 })
        Clear-EmulatorRequest -Emulator $emulator

        $run = Invoke-Captured {
            $rows | New-AdsumoImage -AspectRatio 1:1 -Wait -PollIntervalSeconds 0.2 -Connection $team.Connection -Verbose -ErrorAction Continue
        }
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        Clear-EmulatorFault -Emulator $emulator

        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 200
        @($run.Output | Where-Object Status -EQ 'completed').Count | Should -Be 200
        @($run.Output.Id | Sort-Object -Unique).Count | Should -Be 200
        $onServer = @(Get-AdsumoGeneration -Connection $team.Connection)
        $onServer.Count | Should -Be 200
        (@(Get-PromptOf $team.Connection $onServer.Id | Sort-Object) -join "`n") | Should -Be (@($rows.Prompt | Sort-Object) -join "`n")
        (Get-AdsumoCredit -Connection $team.Connection).Used | Should -Be ($rows | Measure-Object Price -Sum).Sum
        # Lost answers happened and were found, not resent blindly.
        @($requests | Where-Object { $_.method -eq 'POST' -and $_.fault -in 'error', 'reset' }).Count | Should -BeGreaterThan 0
        @($run.Verbose -match 'found generation .* adopting it').Count | Should -BeGreaterThan 0
        $figure = [ordered]@{ rows = 200; written = $run.Output.Count; reported_failed = $run.Errors.Count; generations = $onServer.Count
            adopted = @($run.Verbose -match 'adopting it').Count; resent = @($run.Verbose -match 'never arrived; sending it again').Count
            faults = [ordered]@{ error = @($requests | Where-Object fault -EQ error).Count; rate_limit = @($requests | Where-Object fault -EQ rate_limit).Count; reset = @($requests | Where-Object fault -EQ reset).Count } }
        Save-ReliabilityFigure -Section batches -Name 'run without kills, 200 rows' -Value $figure
        Write-Host ("No kills: " + ($figure | ConvertTo-Json -Compress -Depth 5))
    }
}

Describe 'Identical requests with lost answers' {
    AfterEach { Clear-EmulatorFault -Emulator $emulator }

    It 'from two runspaces of one process: each gets its own generation, none adopted twice' {
        $key = New-TestKey
        $null = New-BatchTeam -Key $key
        Clear-EmulatorRequest -Emulator $emulator
        # Every creation is made and its answer lost; reads are left alone.
        Set-EmulatorFault -Emulator $emulator -Fault @{ error_rate = 1; timing = 'after'; methods = @('POST') }
        $script = {
            param($Key, $BaseUri)
            $null = Connect-Adsumo -ApiKey $Key -BaseUri $BaseUri -MaxRetries 20 -RetryBaseDelaySeconds 0.01 -ReconcileSettleSeconds 0.5 -ReconcileLostSettleSeconds 1
            1..6 | ForEach-Object { [pscustomobject]@{ Prompt = 'The very same bottle' } } |
                New-AdsumoImage -Model fast -AspectRatio 1:1 -ThrottleLimit 6 -ErrorAction Continue
        }
        $pipelines = 1..2 | ForEach-Object { Start-TestPipeline -Script $script -Parameters @{ Key = $key; BaseUri = $emulator.BaseUri } }
        try {
            foreach ($pipeline in $pipelines) { $null = $pipeline.Shell.EndInvoke($pipeline.Async) }
            $errors = @($pipelines | ForEach-Object { $_.Shell.Streams.Error })
            $ids = @($pipelines | ForEach-Object { $_.Output } | ForEach-Object Id)
        }
        finally { $pipelines | ForEach-Object { Remove-TestPipeline $_ } }
        Clear-EmulatorFault -Emulator $emulator

        $errors | Should -BeNullOrEmpty
        $ids.Count | Should -Be 12
        @($ids | Sort-Object -Unique).Count | Should -Be 12
        $onServer = @(Get-AdsumoGeneration -Connection (New-BatchTeam -Key $key).Connection)
        (@($onServer.Id | Sort-Object) -join ',') | Should -Be (@($ids | Sort-Object) -join ',')
        # Every answer was lost and every one found: nothing was sent twice.
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object { $_.method -eq 'POST' -and $_.path -like '*text-to-image' }).Count | Should -Be 12
    }

    It 'reports an ambiguity naming the candidates when more match than the lost answers explain' {
        $team = New-BatchTeam
        # Another machine of the team makes the same request a moment before (not through this process): the service
        # holds one more than this process's lost answer can explain.
        $elsewhere = Invoke-RestMethod -Method Post "$($emulator.BaseUri)/images/text-to-image" -Headers @{ Authorization = "Bearer $($team.Key)" } `
            -ContentType 'application/json' -Body (@{ prompt = 'A bottle, twice'; model = 'fast'; aspect_ratio = '1:1' } | ConvertTo-Json)
        Set-EmulatorFault -Emulator $emulator -Fault @{ error_rate = 1; timing = 'after'; methods = @('POST') }

        $row = [pscustomobject]@{ Prompt = 'A bottle, twice'; Sku = 'B-2' }
        $run = Invoke-Captured { $row | New-AdsumoImage -Model fast -AspectRatio 1:1 -Connection $team.Connection -Verbose -ErrorAction Continue }
        Clear-EmulatorFault -Emulator $emulator

        $run.Output | Should -BeNullOrEmpty
        $run.Errors.Count | Should -Be 1
        $failure = $run.Errors[0]
        $failure.FullyQualifiedErrorId | Should -Be 'Adsumo.OutcomeAmbiguous,Adsumo.Commands.NewAdsumoImageCommand'
        $failure.CategoryInfo.Category | Should -Be 'ResourceExists'
        $failure.TargetObject.Sku | Should -Be 'B-2'
        $failure.Exception.MayHaveBeenCreated | Should -BeTrue
        $onServer = @(Get-AdsumoGeneration -Connection $team.Connection)
        $onServer.Count | Should -Be 2
        (@($failure.Exception.CandidateIds | Sort-Object) -join ',') | Should -Be (@($onServer.Id | Sort-Object) -join ',')
        $failure.Exception.CandidateIds | Should -Contain $elsewhere.generation_id
        $failure.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape($elsewhere.generation_id))
    }

    It 'says in a runbook''s terms what cannot be decided: a lost voiceover is in doubt and never resent' {
        $team = New-BatchTeam
        Set-EmulatorFault -Emulator $emulator -Fault @{ error_rate = 1; timing = 'after'; methods = @('POST') }
        Clear-EmulatorRequest -Emulator $emulator
        $run = Invoke-Captured { New-AdsumoVoiceover -Text 'Hello.' -VoiceId EXAVITQu4vr4xnSDxMaL -Connection $team.Connection -ErrorAction Continue }
        Clear-EmulatorFault -Emulator $emulator

        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.OutcomeUnknown,Adsumo.Commands.NewAdsumoVoiceoverCommand'
        $run.Errors[0].Exception.MayHaveBeenCreated | Should -BeTrue
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -EQ POST).Count | Should -Be 1
    }
}

Describe 'The journal' {
    BeforeEach {
        $script:team = New-BatchTeam
        $script:journal = Join-Path $TestDrive "j-$([guid]::NewGuid().ToString('N')).jsonl"
        $script:rows = @(1..5 | ForEach-Object { [pscustomobject]@{ Prompt = "Journal row $_ $([guid]::NewGuid())"; Sku = "SKU-$_" } })
    }

    It 'resumes after a torn last line: nothing made is sent again, the rest is' {
        $first = @($rows[0..2] | New-AdsumoImage -Model fast -AspectRatio 1:1 -Journal $journal -ThrottleLimit 1 -Connection $team.Connection)
        $whole = [IO.File]::ReadAllBytes($journal)
        # A kill in the middle of writing a record.
        [IO.File]::AppendAllText($journal, '{"op":"intent","key":"text-to-image:0123456789ab#1","at":"2026-')
        Clear-EmulatorRequest -Emulator $emulator

        $run = Invoke-Captured { $rows | New-AdsumoImage -Model fast -AspectRatio 1:1 -Journal $journal -Connection $team.Connection -ThrottleLimit 1 -Verbose }

        $run.Errors | Should -BeNullOrEmpty
        @($run.Output.Id)[0..2] | Should -Be @($first.Id)
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -EQ POST).Count | Should -Be 2
        @($run.Verbose -match 'already submitted as generation').Count | Should -Be 3
        $after = [IO.File]::ReadAllBytes($journal)
        [Linq.Enumerable]::SequenceEqual([byte[]] $after[0..($whole.Length - 1)], $whole) | Should -BeTrue
        Get-Content $journal | ForEach-Object { { $_ | ConvertFrom-Json } | Should -Not -Throw }
        @(Get-AdsumoJournal -Path $journal).Count | Should -Be 5
    }

    It 'is refused at once with Adsumo.JournalInUse while another process holds it, and left untouched' {
        $null = $rows[0] | New-AdsumoImage -Model fast -AspectRatio 1:1 -Journal $journal -Connection $team.Connection
        $before = [IO.File]::ReadAllBytes($journal)
        $marker = Join-Path $TestDrive "holding-$([guid]::NewGuid().ToString('N'))"
        # Another process runs a batch with the journal and is still at it (its consumer takes its time). It says
        # how long the journal is once it holds it: the file cannot be read while it is held, only measured.
        $holder = @"
Import-Module '$($env:ADSUMO_TEST_MODULE)'
Connect-Adsumo -ApiKey '$($team.Key)' -BaseUri '$($emulator.BaseUri)' | Out-Null
[pscustomobject]@{ Prompt = 'Held by another process' } | New-AdsumoImage -Model fast -AspectRatio 1:1 -Journal '$journal' |
    ForEach-Object { Set-Content '$marker' (Get-Item '$journal').Length; Start-Sleep -Seconds 60 }
"@
        $file = Join-Path $TestDrive 'holder.ps1'
        Set-Content $file $holder
        $command = @(Get-PwshCommand)
        $child = Start-Process -FilePath $command[0] -ArgumentList (@($command | Select-Object -Skip 1) + @('-NoProfile', '-File', $file)) -PassThru -NoNewWindow `
            -RedirectStandardOutput (Join-Path $TestDrive 'holder.out') -RedirectStandardError (Join-Path $TestDrive 'holder.err')
        try {
            Wait-Until { (Test-Path $marker) -and (Get-Content $marker) } -Description 'the other process to hold the journal' -TimeoutSeconds 60
            $heldLength = [long] (Get-Content $marker)
            Clear-EmulatorRequest -Emulator $emulator

            $run = Invoke-Captured { $rows | New-AdsumoImage -Model fast -AspectRatio 1:1 -Journal $journal -Connection $team.Connection }

            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.JournalInUse,Adsumo.Commands.NewAdsumoImageCommand'
            $run.Errors[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
            $run.Seconds | Should -BeLessThan 10
            $run.Output | Should -BeNullOrEmpty
            @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -EQ POST).Count | Should -Be 0
            { Get-AdsumoJournal -Path $journal } | Should -Throw -ErrorId 'Adsumo.JournalInUse,Adsumo.Commands.GetAdsumoJournalCommand'
            (Get-Item $journal).Length | Should -Be $heldLength
        }
        finally {
            if (-not $child.HasExited) { $child.Kill($true) }
            $child.WaitForExit()
        }
        # Byte for byte: what was there before, then only the other process's own records.
        $after = [IO.File]::ReadAllBytes($journal)
        $after.Length | Should -Be $heldLength
        [Linq.Enumerable]::SequenceEqual([byte[]] $after[0..($before.Length - 1)], $before) | Should -BeTrue
        $theirs = @([Text.Encoding]::UTF8.GetString($after, $before.Length, $after.Length - $before.Length).Split("`n") | Where-Object { $_ } | ConvertFrom-Json)
        ($theirs.op -join ',') | Should -Be 'opened,intent,submitted'
        $theirs[1].body.prompt | Should -Be 'Held by another process'
        # Once the other process is gone, the journal is usable again.
        @($rows | New-AdsumoImage -Model fast -AspectRatio 1:1 -Journal $journal -Connection $team.Connection).Count | Should -Be 5
    }

    It 'is refused for another team''s key with Adsumo.JournalTeamMismatch, and left untouched' {
        $null = $rows[0] | New-AdsumoImage -Model fast -AspectRatio 1:1 -Journal $journal -Connection $team.Connection
        $before = [IO.File]::ReadAllBytes($journal)
        $other = New-BatchTeam
        Clear-EmulatorRequest -Emulator $emulator

        { $rows | New-AdsumoImage -Model fast -AspectRatio 1:1 -Journal $journal -Connection $other.Connection } |
            Should -Throw -ErrorId 'Adsumo.JournalTeamMismatch,Adsumo.Commands.NewAdsumoImageCommand'

        [Linq.Enumerable]::SequenceEqual([IO.File]::ReadAllBytes($journal), $before) | Should -BeTrue
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -EQ POST).Count | Should -Be 0
        (Get-Content $journal -Raw) | Should -Not -Match ([regex]::Escape($team.Key.Substring(10)))
    }

    It 'names rows by -JournalKey from a CSV column, reads back as entries that pipe into Wait and Save' {
        $ads = Join-Path $TestDrive "ads-$([guid]::NewGuid().ToString('N'))"
        $made = @($rows | New-AdsumoImage -Model pro -AspectRatio 1:1 -Journal $journal -JournalKey { $_.Sku } -Connection $team.Connection)
        $entries = @(Get-AdsumoJournal -Path $journal)
        $entries.Count | Should -Be 5
        $entries[0] | Should -BeOfType ([Adsumo.JournalEntry])
        (@($entries.Key | Sort-Object) -join ',') | Should -Be 'SKU-1,SKU-2,SKU-3,SKU-4,SKU-5'
        @($entries | Where-Object State -EQ 'Submitted').Count | Should -Be 5
        ($entries | Measure-Object EstimatedCredits -Sum).Sum | Should -Be 10
        $entries[0].SubmittedAt | Should -BeOfType ([DateTimeOffset])

        $files = @(Get-AdsumoJournal -Path $journal | Wait-AdsumoGeneration -PollIntervalSeconds 0.2 -Connection $team.Connection |
                Save-AdsumoGeneration -Path $ads -Journal $journal -Connection $team.Connection)
        $files.Count | Should -Be 5
        $after = @(Get-AdsumoJournal -Path $journal -State Saved)
        $after.Count | Should -Be 5
        (@($after.SavedPath | Sort-Object) -join ',') | Should -Be (@($files.FullName | Sort-Object) -join ',')
        (@($after.GenerationId | Sort-Object) -join ',') | Should -Be (@($made.Id | Sort-Object) -join ',')
    }

    It 'records completion and saved files from -Wait and Save-AdsumoGeneration down the pipeline, and saves only what is missing' {
        $ads = Join-Path $TestDrive "ads-$([guid]::NewGuid().ToString('N'))"
        $files = @($rows | New-AdsumoImage -Model fast -AspectRatio 1:1 -Journal $journal -Wait -PollIntervalSeconds 0.2 -Connection $team.Connection |
                Save-AdsumoGeneration -Path $ads -SkipExisting -Connection $team.Connection)
        $files.Count | Should -Be 5
        @(Get-AdsumoJournal -Path $journal -State Saved).Count | Should -Be 5
        $written = @{}
        foreach ($file in $files) { $written[$file.FullName] = $file.LastWriteTimeUtc }
        Clear-EmulatorRequest -Emulator $emulator

        # Started again: nothing is sent, and no file is downloaded again.
        $again = @($rows | New-AdsumoImage -Model fast -AspectRatio 1:1 -Journal $journal -Wait -PollIntervalSeconds 0.2 -Connection $team.Connection |
                Save-AdsumoGeneration -Path $ads -SkipExisting -Connection $team.Connection)
        $again.Count | Should -Be 5
        $again[0] | Should -BeOfType ([IO.FileInfo])
        (@($again.FullName | Sort-Object) -join ',') | Should -Be (@($files.FullName | Sort-Object) -join ',')
        foreach ($file in $again) { $file.LastWriteTimeUtc | Should -Be $written[$file.FullName] }
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        @($requests | Where-Object method -EQ POST).Count | Should -Be 0
        @($requests | Where-Object path -Like '/_files/*').Count | Should -Be 0
        # The journal keeps each submission's estimate, for what the batch was expected to cost.
        @(Get-AdsumoJournal -Path $journal).EstimatedCredits | Should -Be @(1, 1, 1, 1, 1)
    }

    It 'is shared by two runspaces of one process: each row is made once' {
        $script = {
            param($Key, $BaseUri, $Journal, $Prompts)
            $null = Connect-Adsumo -ApiKey $Key -BaseUri $BaseUri
            $Prompts | ForEach-Object { [pscustomobject]@{ Prompt = $_ } } | New-AdsumoImage -Model fast -AspectRatio 1:1 -Journal $Journal
        }
        $prompts = @(1..10 | ForEach-Object { "Shared $_ $([guid]::NewGuid())" })
        Clear-EmulatorRequest -Emulator $emulator
        $pipelines = 1..2 | ForEach-Object { Start-TestPipeline -Script $script -Parameters @{ Key = $team.Key; BaseUri = $emulator.BaseUri; Journal = $journal; Prompts = $prompts } }
        try {
            foreach ($pipeline in $pipelines) { $null = $pipeline.Shell.EndInvoke($pipeline.Async) }
            $errors = @($pipelines | ForEach-Object { $_.Shell.Streams.Error })
            $outputs = @($pipelines | ForEach-Object { , @($_.Output | ForEach-Object Id) })
        }
        finally { $pipelines | ForEach-Object { Remove-TestPipeline $_ } }

        $errors | Should -BeNullOrEmpty
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -EQ POST).Count | Should -Be 10
        (@($outputs[0] | Sort-Object) -join ',') | Should -Be (@($outputs[1] | Sort-Object) -join ',')
        @(Get-AdsumoJournal -Path $journal).Count | Should -Be 10
    }
}

Describe 'A service whose clock is off' {
    BeforeAll {
        $script:skewed = @(
            Start-TestEmulator -Arguments @('--generation-seconds', '0.3', '--clock-offset-seconds', '-7200')
            Start-TestEmulator -Arguments @('--generation-seconds', '0.3', '--clock-offset-seconds', '3600')
        )
    }
    AfterAll { $skewed | ForEach-Object { Stop-LoopbackServer $_ } }

    It 'still finds what lost answers made, and sends nothing twice (service <Offset> s off)' -ForEach @(
        @{ Index = 0; Offset = -7200 }
        @{ Index = 1; Offset = 3600 }
    ) {
        $on = $skewed[$Index]
        $team = New-BatchTeam -On $on
        Set-EmulatorFault -Emulator $on -Fault @{ error_rate = 1; timing = 'after'; methods = @('POST') }
        $rows = @(1..4 | ForEach-Object { [pscustomobject]@{ Prompt = "Skewed $_" } })

        $run = Invoke-Captured { $rows | New-AdsumoImage -Model fast -AspectRatio 1:1 -Connection $team.Connection -Verbose -ErrorAction Continue }
        Clear-EmulatorFault -Emulator $on

        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 4
        @($run.Verbose -match 'adopting it').Count | Should -Be 4
        @(Get-EmulatorRequest -Emulator $on | Where-Object method -EQ POST).Count | Should -Be 4
        @(Get-AdsumoGeneration -Connection $team.Connection).Count | Should -Be 4
        $run.Output[0].CreatedAt.UtcDateTime | Should -BeGreaterThan ([DateTime]::UtcNow.AddSeconds($Offset - 60))
        $run.Output[0].CreatedAt.UtcDateTime | Should -BeLessThan ([DateTime]::UtcNow.AddSeconds($Offset + 60))
    }
}

Describe 'Costs as data' {
    It 'estimates a batch as objects, with no connection and nothing sent' {
        $rows = @(New-KillRunRows -Count 25 -Seed 5)
        $csv = Join-Path $TestDrive 'rows.csv'
        $rows | Select-Object Prompt, Model, Resolution, Quantity | Export-Csv $csv -NoTypeInformation
        Clear-EmulatorRequest -Emulator $emulator
        $script = {
            param($Csv)
            Import-Csv $Csv | New-AdsumoImage -AspectRatio 1:1 -Estimate
        }
        $pipeline = Start-TestPipeline -Script $script -Parameters @{ Csv = $csv }
        try {
            $null = $pipeline.Shell.EndInvoke($pipeline.Async)
            $errors = @($pipeline.Shell.Streams.Error)
            $estimates = @($pipeline.Output)
        }
        finally { Remove-TestPipeline $pipeline }

        $errors | Should -BeNullOrEmpty
        $estimates.Count | Should -Be 25
        $estimates[0].PSObject.TypeNames[0] | Should -Be 'Adsumo.CostEstimate'
        ($estimates | Measure-Object -Sum Credits).Sum | Should -Be ($rows | Measure-Object Price -Sum).Sum
        $estimates[0].Input.Prompt | Should -Be $rows[0].Prompt
        $estimates[0].Exact | Should -BeTrue
        $estimates[0].Basis | Should -Match '^\d x (fast|pro) at \dk$'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'gives a range for a talking avatar over a voiceover of unknown length' {
        $estimate = New-AdsumoTalkingAvatarVideo -AvatarId ([guid]::NewGuid()) -VoiceoverId ([guid]::NewGuid()) -Estimate
        $estimate.CreditsLow | Should -Be 20
        $estimate.CreditsHigh | Should -Be 160
        $estimate.Credits | Should -Be 160
        $estimate.Exact | Should -BeFalse
    }

    It 'fills EstimatedCredits on generations read back by id, waited on from ids, and resumed from a journal' {
        $team = New-BatchTeam
        $made = New-AdsumoImage -Prompt 'Priced' -Model pro -AspectRatio 1:1 -Resolution 4k -Quantity 2 -Connection $team.Connection
        (Get-AdsumoGeneration -Id $made.Id -Connection $team.Connection).EstimatedCredits | Should -Be 8
        ($made.Id | Wait-AdsumoGeneration -PollIntervalSeconds 0.2 -Connection $team.Connection).EstimatedCredits | Should -Be 8
        $journal = Join-Path $TestDrive 'priced.jsonl'
        $null = New-AdsumoAIVideo -Prompt 'Priced video' -Model sora-2 -Duration 3 -Journal $journal -Connection $team.Connection
        (New-AdsumoAIVideo -Prompt 'Priced video' -Model sora-2 -Duration 3 -Journal $journal -Connection $team.Connection).EstimatedCredits | Should -Be 30
        (Get-AdsumoJournal -Path $journal).EstimatedCredits | Should -Be 30
    }
}

Describe 'Concurrent submission' {
    AfterEach { Clear-EmulatorFault -Emulator $emulator }

    It 'sends up to -ThrottleLimit at once by default, and one at a time in order with -ThrottleLimit 1' {
        $team = New-BatchTeam
        $rows = @(1..8 | ForEach-Object { [pscustomobject]@{ Prompt = "Throttle $_" } })
        Set-EmulatorFault -Emulator $emulator -Fault @{ latency_ms = 400 }

        Clear-EmulatorRequest -Emulator $emulator
        $serial = @($rows | New-AdsumoImage -Model fast -AspectRatio 1:1 -ThrottleLimit 1 -Connection $team.Connection)
        $serialPosts = @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -EQ POST)
        Clear-EmulatorRequest -Emulator $emulator
        $parallel = @($rows | New-AdsumoImage -Model fast -AspectRatio 1:1 -Connection $team.Connection)
        $parallelPosts = @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -EQ POST)

        # One at a time: each arrives after the one before was answered, and the results keep the input's order.
        $arrivals = @($serialPosts | ForEach-Object { ([DateTime] $_.time).ToUniversalTime() })
        for ($i = 1; $i -lt $arrivals.Count; $i++) { ($arrivals[$i] - $arrivals[$i - 1]).TotalMilliseconds | Should -BeGreaterOrEqual 390 }
        (@(Get-PromptOf $team.Connection $serial.Id) -join ',') | Should -Be (@($rows.Prompt) -join ',')
        # Side by side: all eight were in flight together (each arrived before the first was answered).
        $first = @($parallelPosts | ForEach-Object { ([DateTime] $_.time).ToUniversalTime() } | Sort-Object)[0]
        @($parallelPosts | Where-Object { (([DateTime] $_.time).ToUniversalTime() - $first).TotalMilliseconds -lt 390 }).Count | Should -Be 8
        $parallel.Count | Should -Be 8
    }

    It 'decides -WhatIf and -MaxCredits per row before sending, and names each failing row' {
        $team = New-BatchTeam
        $rows = @(
            [pscustomobject]@{ Prompt = 'Cheap'; Quantity = 1 }
            [pscustomobject]@{ Prompt = 'Dear'; Quantity = 8 }
            [pscustomobject]@{ Prompt = 'Cheap again'; Quantity = 2 }
        )
        Clear-EmulatorRequest -Emulator $emulator
        $run = Invoke-Captured { $rows | New-AdsumoImage -Model pro -AspectRatio 1:1 -MaxCredits 4 -Connection $team.Connection -ErrorAction Continue }
        $run.Output.Count | Should -Be 2
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.CreditLimitExceeded,Adsumo.Commands.NewAdsumoImageCommand'
        $run.Errors[0].TargetObject.Prompt | Should -Be 'Dear'
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -EQ POST).Count | Should -Be 2

        Clear-EmulatorRequest -Emulator $emulator
        $null = $rows | New-AdsumoImage -Model pro -AspectRatio 1:1 -Connection $team.Connection -WhatIf
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'cancels every request in flight at once on Ctrl+C' {
        $team = New-BatchTeam
        Set-EmulatorFault -Emulator $emulator -Fault @{ latency_ms = 30000; methods = @('POST') }
        Clear-EmulatorRequest -Emulator $emulator
        $pipeline = Start-TestPipeline -Script {
            param($Key, $BaseUri)
            $null = Connect-Adsumo -ApiKey $Key -BaseUri $BaseUri
            1..8 | ForEach-Object { [pscustomobject]@{ Prompt = "Stopped $_" } } | New-AdsumoImage -Model fast -AspectRatio 1:1
        } -Parameters @{ Key = $team.Key; BaseUri = $emulator.BaseUri }
        try {
            # The connection check is answered at once; then eight creations wait in the emulator.
            Wait-Until { @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -EQ GET).Count -ge 1 } -Description 'the connection check'
            Start-Sleep -Milliseconds 1500
            $stopped = Stop-TestPipeline $pipeline
        }
        finally { Remove-TestPipeline $pipeline }

        $stopped | Should -BeLessThan 3
        Wait-Until { @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -EQ POST).Count -ge 8 } -Description 'the emulator to log the eight cut requests' -TimeoutSeconds 10
        $posts = @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -EQ POST)
        $posts.Count | Should -Be 8
        @($posts | Where-Object status -EQ 0).Count | Should -Be 8
        @($posts | Where-Object duration_ms -LT 25000).Count | Should -Be 8
    }
}
