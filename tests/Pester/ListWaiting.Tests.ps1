# Waiting on many generations by listing the team's processing ones, as the emulator's request log shows it: every
# generation is written, each failure with the service's reason, each of ours is read by id only once it has left the
# list, and a team whose processing list is far larger than what is waited on (other runbooks' work) is polled by id.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator

    function Add-Processing {
        # Generations of the team that finish by themselves after $Seconds (-1: only when the test finishes them).
        param($Team, [int] $Count, [double] $Seconds)
        @((Add-EmulatorData -Emulator $emulator -Key $Team.Key -Data @{ generations = @{ count = $Count; status = 'processing'; seconds = $Seconds } }).generations)
    }

    function Get-GenerationRequest {
        # The wait's requests: pages of the processing list (with their offsets) and reads by id.
        $requests = @(Get-EmulatorRequest -Emulator $emulator | Where-Object path -Like '/api/v1/generations*')
        [pscustomobject]@{
            Lists = @($requests | Where-Object path -EQ '/api/v1/generations')
            Reads = @($requests | Where-Object path -Match '^/api/v1/generations/[0-9a-f-]{36}$')
        }
    }

    function Invoke-Wait {
        # Runs Wait-AdsumoGeneration in a shell of its own, so that the test can finish generations while it waits.
        param($Team, [string[]] $Ids, [hashtable] $WaitParameters, [scriptblock] $Meanwhile = {})
        $shell = New-ModuleShell -Emulator $emulator -Team $Team -Script {
            param($Ids, $WaitParameters)
            $Ids | Wait-AdsumoGeneration @WaitParameters -ErrorAction Continue
        } -Parameters @{ Ids = $Ids; WaitParameters = $WaitParameters }
        try {
            $pending = $shell.BeginInvoke()
            & $Meanwhile
            if (-not $pending.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(120))) { throw 'The wait did not end within 120 s.' }
            [pscustomobject]@{ Output = @($shell.EndInvoke($pending)); Errors = @($shell.Streams.Error) }
        }
        finally {
            Close-Shell $shell
        }
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'Waiting by listing the processing generations' {
    It 'writes every generation and each failure with its reason, reading by id only those that left the list' {
        $team = New-TestTeam -Emulator $emulator
        $soon = Add-Processing -Team $team -Count 30 -Seconds 1
        $later = Add-Processing -Team $team -Count 20 -Seconds 2
        $failing = Add-Processing -Team $team -Count 10 -Seconds -1
        Clear-EmulatorRequest -Emulator $emulator

        $run = Invoke-Wait -Team $team -Ids ($soon + $later + $failing) -WaitParameters @{ PollIntervalSeconds = 0.5; TimeoutSeconds = 60 } -Meanwhile {
            Start-Sleep -Seconds 2.5
            foreach ($id in $failing) { $null = Invoke-EmulatorControl -Emulator $emulator -Method POST -Path "generations/$id/fail" -Body @{ error_message = "GPU $id on fire" } }
        }

        $run.Output.Count | Should -Be 50
        $run.Output.Status | Sort-Object -Unique | Should -Be 'completed'
        ($run.Output.Id | Sort-Object) | Should -Be (($soon + $later) | Sort-Object)
        $run.Output.ResultUrl | Where-Object { -not $_ } | Should -BeNullOrEmpty
        $run.Errors.Count | Should -Be 10
        foreach ($record in $run.Errors) {
            $record.FullyQualifiedErrorId | Should -BeLike 'Adsumo.GenerationFailed,*'
            $record.ToString() | Should -Match 'GPU [0-9a-f-]{36} on fire'
        }
        ($run.Errors | ForEach-Object { $_.TargetObject.Id } | Sort-Object) | Should -Be ($failing | Sort-Object)

        $sent = Get-GenerationRequest
        $sent.Lists.Count | Should -BeGreaterThan 1
        $sent.Lists.query | ForEach-Object { $_ | Should -Match '(^|&)status=processing(&|$)' }
        # Each generation is read by id once, when it has left the list: 60 reads where polling each would make a
        # read per generation per interval (at least 5 rounds of the 10 that fail late: 300 and more).
        $sent.Reads.Count | Should -Be 60
        @($sent.Reads | Group-Object path | Where-Object Count -GT 1) | Should -BeNullOrEmpty
        ($sent.Lists.Count + $sent.Reads.Count) | Should -BeLessThan 100
    }

    It 'polls by id when the team''s processing list is far larger than what is waited on' {
        $team = New-TestTeam -Emulator $emulator
        $null = Add-Processing -Team $team -Count 1000 -Seconds -1
        $ours = Add-Processing -Team $team -Count 12 -Seconds 1
        Clear-EmulatorRequest -Emulator $emulator

        $run = Invoke-Wait -Team $team -Ids $ours -WaitParameters @{ PollIntervalSeconds = 0.3; TimeoutSeconds = 60 }

        $run.Errors | Should -BeNullOrEmpty
        ($run.Output.Id | Sort-Object) | Should -Be ($ours | Sort-Object)
        $sent = Get-GenerationRequest
        # The first page's total (1,012, eleven pages) says listing costs more than asking for the twelve by id:
        # the rest of the list is never fetched, and every generation is polled by id until it ends.
        $sent.Lists.Count | Should -BeLessOrEqual 2
        $sent.Lists.query | ForEach-Object { $_ | Should -Match '(^|&)offset=0(&|$)' }
        $sent.Reads.Count | Should -BeGreaterOrEqual 24
        foreach ($id in $ours) { @($sent.Reads | Where-Object path -Like "*/$id").Count | Should -BeGreaterOrEqual 2 }
    }

    It 'lists every page with -PollBy List, and never lists with -PollBy Id' {
        $team = New-TestTeam -Emulator $emulator
        $null = Add-Processing -Team $team -Count 250 -Seconds -1
        $ours = Add-Processing -Team $team -Count 5 -Seconds 1
        Clear-EmulatorRequest -Emulator $emulator

        $listed = Invoke-Wait -Team $team -Ids $ours -WaitParameters @{ PollIntervalSeconds = 0.5; TimeoutSeconds = 60; PollBy = 'List' }
        $listed.Errors | Should -BeNullOrEmpty
        $listed.Output.Count | Should -Be 5
        $sent = Get-GenerationRequest
        $offsets = @($sent.Lists.query | ForEach-Object { [int](($_ -split 'offset=')[1] -split '&')[0] } | Sort-Object -Unique)
        $offsets | Should -Be @(0, 100, 200)
        $sent.Reads.Count | Should -Be 5

        $more = Add-Processing -Team $team -Count 5 -Seconds 1
        Clear-EmulatorRequest -Emulator $emulator
        $polled = Invoke-Wait -Team $team -Ids $more -WaitParameters @{ PollIntervalSeconds = 0.3; TimeoutSeconds = 60; PollBy = 'Id' }
        $polled.Errors | Should -BeNullOrEmpty
        $polled.Output.Count | Should -Be 5
        $sent = Get-GenerationRequest
        $sent.Lists | Should -BeNullOrEmpty
        $sent.Reads.Count | Should -BeGreaterOrEqual 10
    }
}
