BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    # Generations made through the API take half a second, so waits stay short.
    $script:emulator = Start-TestEmulator -Arguments @('--generation-seconds', '0.5')

    function script:Add-Generation {
        <# Seeds processing generations that finish after -Seconds (-1: never, until the control API ends them). #>
        param([Parameter(Mandatory)] $Team, [int] $Count = 1, [double] $Seconds = 0.5, [string] $Type = 'image')
        (Add-EmulatorData -Emulator $emulator -Key $Team.Key -Data @{ generations = @{ count = $Count; type = $Type; status = 'processing'; seconds = $Seconds } }).generations
    }

    function script:Get-Poll([string] $Id) {
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object { $_.method -eq 'GET' -and $_.path -eq "/api/v1/generations/$Id" })
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'Wait-AdsumoGeneration' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }
    AfterEach { Clear-EmulatorFault -Emulator $emulator }

    It 'takes ids from the pipeline and writes each generation once it has completed' {
        $ids = Add-Generation -Team $team -Count 3 -Seconds 0.5
        $done = $ids | Wait-AdsumoGeneration -PollIntervalSeconds 0.1
        $done | Should -BeOfType ([Adsumo.Generation])
        $done.Id | Sort-Object | Should -Be ($ids | Sort-Object)
        $done.Status | Sort-Object -Unique | Should -Be 'completed'
        $done.ForEach({ $_.ResultUrl | Should -Match '^http' })
    }

    It 'takes generation objects from the pipeline, as the creation cmdlets write them' {
        $created = 'A bottle', 'A mug' | ForEach-Object { New-AdsumoImage -Prompt $_ -Model fast -AspectRatio 1:1 }
        $created.Status | Sort-Object -Unique | Should -Be 'processing'
        $done = $created | Wait-AdsumoGeneration -PollIntervalSeconds 0.1
        $done.Id | Sort-Object | Should -Be ($created.Id | Sort-Object)
        $done.Status | Sort-Object -Unique | Should -Be 'completed'
    }

    It 'passes a generation object that has already ended on without a request' {
        $id = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ generations = @{ count = 1; status = 'completed' } }).generations
        $generation = Get-AdsumoGeneration -Id $id
        Clear-EmulatorRequest -Emulator $emulator
        ($generation | Wait-AdsumoGeneration).Id | Should -Be $id
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'writes a generation as soon as it completes, while others are still processing' {
        $fast = Add-Generation -Team $team -Seconds 0.3
        $never = Add-Generation -Team $team -Seconds -1
        # The slow one ends only when the fast one has come down the pipeline: a wait that wrote everything at the
        # end would time out on it instead.
        $written = $never, $fast | Wait-AdsumoGeneration -PollIntervalSeconds 0.1 -TimeoutSeconds 30 | ForEach-Object {
            if ($_.Id -eq $fast) {
                $null = Invoke-EmulatorControl -Emulator $emulator -Method POST -Path "generations/$never/complete"
            }
            $_
        }
        $written.Id | Should -Be @($fast, $never)
        $written.Status | Should -Be @('completed', 'completed')
    }

    It 'waits on 50 generations at once, not one after another' {
        $ids = Add-Generation -Team $team -Count 50 -Seconds 2
        # Every request now takes 0.4 s: polling 50 generations in turn would take at least 50 x 0.4 = 20 s.
        Set-EmulatorFault -Emulator $emulator -Fault @{ latency_ms = 400 }
        Clear-EmulatorRequest -Emulator $emulator
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $done = $ids | Wait-AdsumoGeneration -PollIntervalSeconds 0.25
        $clock.Stop()
        $done.Count | Should -Be 50
        ($done.Id | Sort-Object -Unique) | Should -Be ($ids | Sort-Object)
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 12
        # The emulator's log shows polls overlapping: several were in flight at the same moment.
        $polls = @(Get-EmulatorRequest -Emulator $emulator | Where-Object path -Like '/api/v1/generations/*')
        $starts = $polls | ForEach-Object { [DateTimeOffset] $_.time }
        $mostAtOnce = ($polls | ForEach-Object {
                $start = [DateTimeOffset] $_.time
                @($starts | Where-Object { $_ -ge $start -and $_ -lt $start.AddMilliseconds(300) }).Count
            } | Measure-Object -Maximum).Maximum
        $mostAtOnce | Should -BeGreaterThan 4
    }

    It 'writes a failed generation as a non-terminating Adsumo.GenerationFailed error with the service''s reason' {
        $failing = New-AdsumoImage -Prompt 'A bottle [fail]' -Model fast -AspectRatio 1:1
        $fine = New-AdsumoImage -Prompt 'A bottle' -Model fast -AspectRatio 1:1
        $done = $failing, $fine | Wait-AdsumoGeneration -PollIntervalSeconds 0.1 -ErrorVariable failures -ErrorAction SilentlyContinue
        $done.Id | Should -Be @($fine.Id)
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.GenerationFailed,Adsumo.Commands.WaitAdsumoGenerationCommand'
        $failures[0].TargetObject | Should -Be $failing.Id
        $reason = (Invoke-RestMethod -Uri "$($emulator.BaseUri)/generations/$($failing.Id)" -Headers @{ Authorization = "Bearer $($team.Key)" }).error_message
        $reason | Should -Not -BeNullOrEmpty
        $failures[0].Exception.Message | Should -Match ([regex]::Escape($reason))
        $failures[0].ToString() | Should -Match ([regex]::Escape($reason))
    }

    It 'writes Adsumo.WaitTimeout for each one still processing at -TimeoutSeconds, and the finished ones' {
        $never = @(Add-Generation -Team $team -Count 2 -Seconds -1)
        $quick = @(Add-Generation -Team $team -Count 2 -Seconds 0.3)
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $done = $never + $quick | Wait-AdsumoGeneration -TimeoutSeconds 2 -PollIntervalSeconds 0.1 -ErrorVariable failures -ErrorAction SilentlyContinue
        $clock.Stop()
        $done.Id | Sort-Object | Should -Be ($quick | Sort-Object)
        $failures.Count | Should -Be 2
        $failures.FullyQualifiedErrorId | Sort-Object -Unique | Should -Be 'Adsumo.WaitTimeout,Adsumo.Commands.WaitAdsumoGenerationCommand'
        $failures.TargetObject | Sort-Object | Should -Be ($never | Sort-Object)
        $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $failures[0].ToString() | Should -Match 'Wait-AdsumoGeneration'
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1.9
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 15
    }

    It 'polls each generation no more often than -PollIntervalSeconds <Interval>' -ForEach @(
        @{ Interval = 1; Timeout = 3.5 }
        @{ Interval = 0.25; Timeout = 2.2 }
    ) {
        $never = Add-Generation -Team $team -Seconds -1
        Clear-EmulatorRequest -Emulator $emulator
        Wait-AdsumoGeneration -Id $never -PollIntervalSeconds $Interval -TimeoutSeconds $Timeout -ErrorAction SilentlyContinue
        $times = (Get-Poll -Id $never).ForEach({ [DateTimeOffset] $_.time })
        # At most one poll per interval, and not many fewer: the slow machine may lose a poll or two.
        $times.Count | Should -BeLessOrEqual ([math]::Floor($Timeout / $Interval) + 1)
        $times.Count | Should -BeGreaterOrEqual ([math]::Floor($Timeout / $Interval) / 2)
        for ($i = 1; $i -lt $times.Count; $i++) {
            ($times[$i] - $times[$i - 1]).TotalSeconds | Should -BeGreaterOrEqual ($Interval * 0.9)
        }
    }

    It 'writes a non-terminating Adsumo.NotFound for a missing id and still waits on the others' {
        $id = Add-Generation -Team $team -Seconds 0.3
        $missing = [guid]::NewGuid().ToString()
        $done = Wait-AdsumoGeneration -Id $missing, $id -PollIntervalSeconds 0.1 -ErrorVariable failures -ErrorAction SilentlyContinue
        $done.Id | Should -Be @($id)
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.NotFound,Adsumo.Commands.WaitAdsumoGenerationCommand'
        $failures[0].TargetObject | Should -Be $missing
    }

    It 'refuses an id that is not a UUID before sending anything' {
        Clear-EmulatorRequest -Emulator $emulator
        { Wait-AdsumoGeneration -Id 'not-an-id' } | Should -Throw -ErrorId 'Adsumo.InvalidId,Adsumo.Commands.WaitAdsumoGenerationCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'resumes from ids alone in a new process, after a wait that timed out' {
        $ids = @(Add-Generation -Team $team -Count 2 -Seconds -1)
        Wait-AdsumoGeneration -Id $ids -TimeoutSeconds 0.5 -PollIntervalSeconds 0.1 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 2
        foreach ($id in $ids) { $null = Invoke-EmulatorControl -Emulator $emulator -Method POST -Path "generations/$id/complete" }
        # A restarted runbook has only its saved ids and the environment: no connection, no objects.
        $result = Invoke-ChildPwsh -Environment @{ ADSUMO_API_KEY = $team.Key; ADSUMO_BASE_URI = $emulator.BaseUri } -Script @"
Import-Module '$env:ADSUMO_TEST_MODULE'
'$($ids -join "','")' | Wait-AdsumoGeneration -PollIntervalSeconds 0.1 | ForEach-Object { "`$(`$_.Id) `$(`$_.Status)" }
"@
        $result.ExitCode | Should -Be 0
        $result.Output | Sort-Object | Should -Be ($ids | Sort-Object | ForEach-Object { "$_ completed" })
    }

    It 'shows one progress bar that counts how many are done' {
        $ids = @(Add-Generation -Team $team -Seconds 0.3) + @(Add-Generation -Team $team -Seconds 0.6) + @(Add-Generation -Team $team -Seconds 0.9)
        $shell = New-ModuleShell -Emulator $emulator -Team $team -Script { param($Ids) $Ids | Wait-AdsumoGeneration -PollIntervalSeconds 0.1 } -Parameters @{ Ids = $ids }
        try {
            $output = $shell.Invoke()
            $output.Count | Should -Be 3
            $shell.Streams.Error.Count | Should -Be 0
            $records = @($shell.Streams.Progress)
            $records.Count | Should -BeGreaterThan 1
            ($records.ActivityId | Sort-Object -Unique).Count | Should -Be 1
            $records.Activity | Sort-Object -Unique | Should -Be 'Waiting for Adsumo generations'
            $records[-1].RecordType | Should -Be 'Completed'
            $updates = $records | Where-Object RecordType -EQ 'Processing'
            $updates.ForEach({ $_.StatusDescription | Should -Match '^\d+ of [1-3] done$' })
            $counts = $updates.ForEach({ [int] ($_.StatusDescription -split ' ')[0] })
            for ($i = 1; $i -lt $counts.Count; $i++) { $counts[$i] | Should -BeGreaterOrEqual $counts[$i - 1] }
            $updates[-1].StatusDescription | Should -Be '3 of 3 done'
            $updates[-1].PercentComplete | Should -Be 100
        }
        finally { $shell.Dispose() }
    }

    It 'writes no progress when $ProgressPreference is SilentlyContinue' {
        $ids = Add-Generation -Team $team -Count 3 -Seconds 0.3
        $shell = New-ModuleShell -Emulator $emulator -Team $team -Parameters @{ Ids = $ids } -Script {
            param($Ids)
            $ProgressPreference = 'SilentlyContinue'
            $Ids | Wait-AdsumoGeneration -PollIntervalSeconds 0.1
        }
        try {
            $output = $shell.Invoke()
            $output.Count | Should -Be 3
            $shell.Streams.Progress.Count | Should -Be 0
        }
        finally { $shell.Dispose() }
    }

    It 'stops at once when stopped in the middle of a 30 s poll interval' {
        $never = Add-Generation -Team $team -Seconds -1
        Clear-EmulatorRequest -Emulator $emulator
        $shell = New-ModuleShell -Emulator $emulator -Team $team -Script { param($Id) Wait-AdsumoGeneration -Id $Id -PollIntervalSeconds 30 } -Parameters @{ Id = $never }
        try {
            $null = $shell.BeginInvoke()
            # Once the first poll has been answered, the wait sleeps for 30 s before the next.
            Wait-Until { (Get-Poll -Id $never).Count -ge 1 }
            Start-Sleep -Milliseconds 500
            $seconds = Stop-ShellWithin -Shell $shell
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $seconds | Should -BeLessThan 5
            (Get-Poll -Id $never).Count | Should -Be 1
        }
        finally { Close-Shell -Shell $shell }
    }
}
