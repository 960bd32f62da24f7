# Stopping a pipeline (Ctrl+C, PowerShell.Stop()) ends an Adsumo cmdlet at once wherever it is: in a slow request,
# in a wait before a retry, in a poll interval, in a download. Each case would otherwise take 30 s; the bound of
# 3 s is generous for a loaded machine, and the figures measured go to docs/reliability.md.
# Each pipeline runs in a runspace of its own in this process, started asynchronously, and is stopped only once
# the server shows its request in flight.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ReliabilitySupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator
    $script:server = Start-TestScenarioServer
    $script:stopBound = 3
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
    if ($script:server) { Stop-LoopbackServer $script:server }
}

Describe 'Stopping a pipeline' {
    AfterEach {
        if ($script:pipeline) { Remove-TestPipeline $script:pipeline; $script:pipeline = $null }
        Clear-EmulatorFault -Emulator $emulator
    }

    It 'ends a request the server is slow to answer, and closes its connection' {
        $connection = Connect-Scenario -Server $server -Scenario slow
        Clear-ScenarioRequest -Server $server
        $script:pipeline = Start-TestPipeline -Parameters @{ Connection = $connection } -Script '
            param($Connection)
            Get-AdsumoProduct -Id 11111111-1111-4111-8111-111111111111 -Connection $Connection'
        Wait-Until -Description 'the request reaches the server' { @(Get-ScenarioRequest -Server $server -Scenario slow | Where-Object state -EQ 'in_flight').Count -eq 1 }

        $seconds = Stop-TestPipeline $pipeline
        $seconds | Should -BeLessThan $stopBound
        $pipeline.Shell.InvocationStateInfo.State | Should -Be 'Stopped'
        $pipeline.Output.Count | Should -Be 0
        # The request itself was abandoned, not left running behind the stopped pipeline.
        Wait-Until -Description 'the server sees the connection closed' { @(Get-ScenarioRequest -Server $server -Scenario slow | Where-Object state -EQ 'aborted').Count -eq 1 }
        @(Get-ScenarioRequest -Server $server -Scenario slow).Count | Should -Be 1
        Save-ReliabilityFigure -Section cancellation -Name 'slow request (scenario server)' -Value ([math]::Round($seconds, 3))
    }

    It 'ends a request the emulator holds for 30 s (latency_ms)' {
        $team = New-TestTeam -Emulator $emulator
        Set-EmulatorFault -Emulator $emulator -Fault @{ latency_ms = 30000 }
        Clear-EmulatorRequest -Emulator $emulator
        $script:pipeline = Start-TestPipeline -Parameters @{ Connection = $team.Connection } -Script '
            param($Connection)
            Get-AdsumoCredit -Connection $Connection -Debug'
        # The emulator logs a request only when it ends, so the module's -Debug line says when it is sent.
        Wait-Until -Description 'the request is sent' { @($pipeline.Shell.Streams.Debug | Where-Object Message -Match '^Sending GET ').Count -eq 1 }
        $requestId = [regex]::Match(@($pipeline.Shell.Streams.Debug)[0].Message, 'request (?<id>[0-9a-f]{32})').Groups['id'].Value
        # Loopback delivers a sent request in well under this; only then is it in the emulator's 30 s delay.
        Start-Sleep -Milliseconds 300

        $seconds = Stop-TestPipeline $pipeline
        $seconds | Should -BeLessThan $stopBound
        $pipeline.Shell.InvocationStateInfo.State | Should -Be 'Stopped'
        # The emulator logged the request as cut (status 0) when the client hung up, long before its 30 s.
        Wait-Until -Description 'the emulator logs the cut request' { @(Get-EmulatorRequest -Emulator $emulator | Where-Object request_id -EQ $requestId).Count -eq 1 }
        $logged = @(Get-EmulatorRequest -Emulator $emulator)
        $logged.Count | Should -Be 1
        $logged[0].status | Should -Be 0
        $logged[0].duration_ms | Should -BeLessThan 10000
        Save-ReliabilityFigure -Section cancellation -Name 'slow request (emulator latency_ms 30000)' -Value ([math]::Round($seconds, 3))
    }

    It 'ends the wait before a retry (Retry-After: 30)' {
        $team = New-TestTeam -Emulator $emulator -MaxRetries 5
        Set-EmulatorFault -Emulator $emulator -Fault @{ rate_limit_rate = 1; retry_after_seconds = 30 }
        Clear-EmulatorRequest -Emulator $emulator
        $script:pipeline = Start-TestPipeline -Parameters @{ Connection = $team.Connection } -Script '
            param($Connection)
            Get-AdsumoProduct -Connection $Connection'
        Wait-Until -Description 'the first try is refused with 429' { @(Get-EmulatorRequest -Emulator $emulator | Where-Object fault -EQ 'rate_limit').Count -eq 1 }

        $seconds = Stop-TestPipeline $pipeline
        $seconds | Should -BeLessThan $stopBound
        $pipeline.Shell.InvocationStateInfo.State | Should -Be 'Stopped'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 1
        Save-ReliabilityFigure -Section cancellation -Name 'retry delay (Retry-After 30)' -Value ([math]::Round($seconds, 3))
    }

    It 'ends Wait-AdsumoGeneration in the middle of a 30 s poll interval' {
        $team = New-TestTeam -Emulator $emulator
        $ids = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ generations = @{ count = 1; status = 'processing'; seconds = -1 } }).generations
        Clear-EmulatorRequest -Emulator $emulator
        $script:pipeline = Start-TestPipeline -Parameters @{ Connection = $team.Connection; Id = $ids[0] } -Script '
            param($Connection, $Id)
            Wait-AdsumoGeneration -Id $Id -PollIntervalSeconds 30 -Connection $Connection'
        Wait-Until -Description 'the first poll is answered' { @(Get-EmulatorRequest -Emulator $emulator | Where-Object path -EQ "/api/v1/generations/$($ids[0])").Count -eq 1 }

        $seconds = Stop-TestPipeline $pipeline
        $seconds | Should -BeLessThan $stopBound
        $pipeline.Shell.InvocationStateInfo.State | Should -Be 'Stopped'
        $pipeline.Output.Count | Should -Be 0
        Save-ReliabilityFigure -Section cancellation -Name 'poll interval (Wait-AdsumoGeneration -PollIntervalSeconds 30)' -Value ([math]::Round($seconds, 3))
    }

    It 'ends a creation''s -Wait in the middle of its poll interval' {
        $team = New-TestTeam -Emulator $emulator
        Set-EmulatorSetting -Emulator $emulator -Setting @{ generation_seconds = -1 }
        try {
            Clear-EmulatorRequest -Emulator $emulator
            $script:pipeline = Start-TestPipeline -Parameters @{ Connection = $team.Connection } -Script '
                param($Connection)
                New-AdsumoImage -Prompt p -Model fast -AspectRatio 1:1 -Wait -PollIntervalSeconds 30 -Connection $Connection'
            Wait-Until -Description 'the new generation is polled once' { @(Get-EmulatorRequest -Emulator $emulator | Where-Object { $_.method -eq 'GET' -and $_.path -like '/api/v1/generations/*' }).Count -eq 1 }
            $seconds = Stop-TestPipeline $pipeline
        }
        finally {
            Set-EmulatorSetting -Emulator $emulator -Setting @{ generation_seconds = 3 }
        }
        $seconds | Should -BeLessThan $stopBound
        $pipeline.Shell.InvocationStateInfo.State | Should -Be 'Stopped'
        Save-ReliabilityFigure -Section cancellation -Name 'poll interval (New-AdsumoImage -Wait)' -Value ([math]::Round($seconds, 3))
    }

    It 'ends a download and leaves no file, whole or partial' {
        $connection = Connect-Scenario -Server $server -Scenario file-slow
        $folder = Join-Path ([IO.Path]::GetTempPath()) ('adsumo-cancel-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $folder
        try {
            Clear-ScenarioRequest -Server $server
            $destination = Join-Path $folder 'result.mp4'
            $script:pipeline = Start-TestPipeline -Parameters @{ Connection = $connection; Path = $destination } -Script '
                param($Connection, $Path)
                Save-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -OutFile $Path -Connection $Connection'
            # In flight: the file host is trickling the body and the module is writing it to its temporary file.
            Wait-Until -Description 'the download is under way' {
                @(Get-ScenarioRequest -Server $server -Scenario file-slow | Where-Object { $_.path -like '*/files/*' -and $_.state -eq 'in_flight' }).Count -eq 1 -and
                @(Get-ChildItem -Force $folder -Filter '*.partial').Count -eq 1
            }

            $seconds = Stop-TestPipeline $pipeline
            $seconds | Should -BeLessThan $stopBound
            $pipeline.Shell.InvocationStateInfo.State | Should -Be 'Stopped'
            @(Get-ChildItem -Force $folder).Count | Should -Be 0
            Wait-Until -Description 'the file host sees the download abandoned' { @(Get-ScenarioRequest -Server $server -Scenario file-slow | Where-Object { $_.path -like '*/files/*' -and $_.state -eq 'aborted' }).Count -eq 1 }
            Save-ReliabilityFigure -Section cancellation -Name 'download (a trickling file)' -Value ([math]::Round($seconds, 3))
        }
        finally {
            Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
