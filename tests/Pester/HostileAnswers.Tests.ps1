# What a hostile (or badly broken) service can and cannot do to the module's user. Each row is an answer the
# scenario server gives (tests/Adsumo.ScenarioServer/HostileAnswers.cs), run through a cmdlet and a way of feeding
# it (-Id, piped ids, piped generations, a listing, a webhook), with the exact error ids it must give or the safe
# result it must have. Whatever the answer: nothing is written outside the destination folder, no message carries
# a control or format character, nothing hangs, and the pipeline goes on to the next item.

BeforeDiscovery {
    # Not $script: scoped: discovery of every file shares a scope, and a name set there reaches other files.
    $hostileAnswers = @(
        # A generation id that would climb out of the folder, through every way a generation reaches Save.
        @{ Kind = 'an id that climbs out of the folder, answered for -Id'; Scenario = 'gen-id-dotdot'; Errors = @('Adsumo.InvalidResponse')
            Run = { param($Connection, $Dir) Save-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Path $Dir -Connection $Connection } }
        @{ Kind = 'an id that climbs out of the folder, answered for piped ids'; Scenario = 'gen-id-dotdot'; Errors = @('Adsumo.InvalidResponse', 'Adsumo.InvalidResponse')
            Run = { param($Connection, $Dir) '44444444-4444-4444-8444-444444444444', '66666666-6666-4666-8666-666666666666' | Save-AdsumoGeneration -Path $Dir -Connection $Connection } }
        @{ Kind = 'an id that climbs out of the folder, in a generation piped from Get-AdsumoGeneration -Id'; Scenario = 'gen-id-dotdot'; Errors = @('Adsumo.InvalidId')
            Run = { param($Connection, $Dir) Get-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Connection $Connection | Save-AdsumoGeneration -Path $Dir -Connection $Connection } }
        @{ Kind = 'an id that climbs out of the folder, in a listing piped to Save'; Scenario = 'gen-id-dotdot'; Errors = @('Adsumo.InvalidId')
            Run = { param($Connection, $Dir) Get-AdsumoGeneration -Connection $Connection | Save-AdsumoGeneration -Path $Dir -Connection $Connection } }
        @{ Kind = 'an id that climbs out of the folder, in a webhook piped to Save'; Scenario = 'ok'; Errors = @('Adsumo.InvalidId')
            Run = { param($Connection, $Dir) ConvertFrom-AdsumoWebhook -Body '{"event":"generation.completed","generation_id":"x/../../../escaped","status":"completed","result_url":"http://127.0.0.1:1/x.mp4"}' | Save-AdsumoGeneration -Path $Dir -Connection $Connection } }
        @{ Kind = 'an id that climbs out of the folder, answered for a webhook''s good id'; Scenario = 'gen-id-dotdot'; Errors = @('Adsumo.InvalidResponse')
            Run = { param($Connection, $Dir) ConvertFrom-AdsumoWebhook -Body '{"event":"generation.completed","generation_id":"44444444-4444-4444-8444-444444444444","status":"completed"}' | Save-AdsumoGeneration -Path $Dir -Connection $Connection } }
        @{ Kind = 'an id that climbs out with backslashes'; Scenario = 'gen-id-backslash'; Errors = @('Adsumo.InvalidResponse')
            Run = { param($Connection, $Dir) Save-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Path $Dir -Connection $Connection } }
        @{ Kind = 'an id that is an absolute path, in a piped generation'; Scenario = 'gen-id-rooted'; Errors = @('Adsumo.InvalidId')
            Run = { param($Connection, $Dir) Get-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Connection $Connection | Save-AdsumoGeneration -Path $Dir -Connection $Connection } }
        @{ Kind = 'an id with terminal escapes, in a generation piped to Wait'; Scenario = 'gen-id-escapes'; Errors = @('Adsumo.InvalidId')
            Run = { param($Connection, $Dir) Get-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Connection $Connection | Wait-AdsumoGeneration -TimeoutSeconds 5 -Connection $Connection } }

        # An answer about another generation than the one asked for.
        @{ Kind = 'another generation''s id, answered to Save'; Scenario = 'gen-id-other'; Errors = @('Adsumo.InvalidResponse')
            Run = { param($Connection, $Dir) Save-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Path $Dir -Connection $Connection } }
        @{ Kind = 'another generation''s id, answered to every poll of a wait (no spin, no duplicate)'; Scenario = 'gen-id-other'; Errors = @('Adsumo.InvalidResponse', 'Adsumo.InvalidResponse')
            Run = { param($Connection, $Dir) '44444444-4444-4444-8444-444444444444', '66666666-6666-4666-8666-666666666666' | Wait-AdsumoGeneration -PollIntervalSeconds 0.05 -TimeoutSeconds 5 -Connection $Connection }
            Check = { param($Run, $Dir, $Server) @(Get-ScenarioRequest -Server $Server -Scenario gen-id-other | Where-Object path -Like '*/generations/*').Count -eq 2 } }

        # A type that would climb out of the folder, or carry escapes: reduced to a safe part of the name.
        @{ Kind = 'a type that climbs out of the folder'; Scenario = 'gen-type-dotdot'; Errors = @(); Saved = 'escaped-44444444-4444-4444-8444-444444444444.mp4'
            Run = { param($Connection, $Dir) Save-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Path $Dir -Connection $Connection } }
        @{ Kind = 'a type that climbs out of the folder, in a piped generation'; Scenario = 'gen-type-dotdot'; Errors = @(); Saved = 'escaped-44444444-4444-4444-8444-444444444444.mp4'
            Run = { param($Connection, $Dir) Get-AdsumoGeneration -Connection $Connection | Save-AdsumoGeneration -Path $Dir -Connection $Connection } }
        @{ Kind = 'a type with escapes and a right-to-left override'; Scenario = 'gen-type-escapes'; Errors = @(); Saved = '2jima-ge-44444444-4444-4444-8444-444444444444.mp4'
            Run = { param($Connection, $Dir) Save-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Path $Dir -Connection $Connection } }
        @{ Kind = 'a type that is a Windows device name'; Scenario = 'gen-type-device'; Errors = @(); Saved = 'con-44444444-4444-4444-8444-444444444444.mp4'
            Run = { param($Connection, $Dir) Save-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Path $Dir -Connection $Connection } }
        @{ Kind = 'a type of 10,000 characters'; Scenario = 'gen-type-long'; Errors = @(); Saved = ('t' * 40) + '-44444444-4444-4444-8444-444444444444.mp4'
            Run = { param($Connection, $Dir) Save-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Path $Dir -Connection $Connection } }
        @{ Kind = 'a type of dots and slashes only'; Scenario = 'gen-type-dots'; Errors = @(); Saved = 'generation-44444444-4444-4444-8444-444444444444.mp4'
            Run = { param($Connection, $Dir) Save-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Path $Dir -Connection $Connection } }

        # Terminal escapes in what the service says about a generation: in Save and in Wait.
        @{ Kind = 'a failure reason and type with escapes, to Save'; Scenario = 'gen-failed-escapes'; Errors = @('Adsumo.GenerationFailed'); Message = 'Refused .*by policy'
            Run = { param($Connection, $Dir) Save-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Path $Dir -Connection $Connection } }
        @{ Kind = 'a failure reason and type with escapes, in a generation piped to Save'; Scenario = 'gen-failed-escapes'; Errors = @('Adsumo.GenerationFailed'); Message = 'Refused .*by policy'
            Run = { param($Connection, $Dir) Get-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Connection $Connection | Save-AdsumoGeneration -Path $Dir -Connection $Connection } }
        @{ Kind = 'a failure reason and type with escapes, to Wait'; Scenario = 'gen-failed-escapes'; Errors = @('Adsumo.GenerationFailed'); Message = '\(\[31mimage\) failed: Refused .*by policy'
            Run = { param($Connection, $Dir) Wait-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -PollIntervalSeconds 0.05 -Connection $Connection } }
        @{ Kind = 'a status with escapes, to Save'; Scenario = 'gen-status-escapes'; Errors = @('Adsumo.GenerationNotReady'); Message = 'is still \[31mrendering'
            Run = { param($Connection, $Dir) Save-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Path $Dir -Connection $Connection } }
        @{ Kind = 'a status with escapes, to Wait'; Scenario = 'gen-status-escapes'; Errors = @('Adsumo.WaitTimeout')
            Run = { param($Connection, $Dir) Wait-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -PollIntervalSeconds 0.1 -TimeoutSeconds 1 -Connection $Connection } }
        @{ Kind = 'an error message with escapes, to Save'; Scenario = 'control-chars'; Errors = @('Adsumo.InvalidRequest'); Message = 'Bad \[31mred'
            Run = { param($Connection, $Dir) Save-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Path $Dir -Connection $Connection } }

        # Result URLs that are not absolute http(s), or lead elsewhere: Save refuses them; a voiceover is still written.
        foreach ($url in 'url-relative', 'url-file', 'url-ftp', 'url-redirect-file', 'url-redirect-ftp') {
            @{ Kind = "a result URL from $url, to Save"; Scenario = $url; Errors = @('Adsumo.DownloadFailed')
                Run = { param($Connection, $Dir) Save-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Path $Dir -Connection $Connection } }
            @{ Kind = "an audio URL from $url, to a paid voiceover with -OutFile"; Scenario = $url; Errors = @('Adsumo.DownloadFailed'); Message = 'was made, but its audio was not saved'
                Run = { param($Connection, $Dir) $null = New-Item -ItemType Directory $Dir -Force; New-AdsumoVoiceover -Text Hello -VoiceId EXAVITQu4vr4xnSDxMaL -OutFile (Join-Path $Dir 'line.mp3') -Connection $Connection }
                Check = { param($Run) $Run.Output.Count -eq 1 -and $Run.Output[0] -is [Adsumo.Voiceover] -and $null -eq $Run.Output[0].Path } }
        }

        # Retry-After values no one should wait for, or that are no number at all.
        @{ Kind = 'Retry-After: 1e300 on piped ids (each is its own error, and the next is still asked)'; Scenario = 'retry-after-1e300'; Errors = @('Adsumo.RateLimited', 'Adsumo.RateLimited')
            Run = { param($Connection, $Dir) '11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222' | Get-AdsumoProduct -Connection $Connection }
            Check = { param($Run, $Dir, $Server) @(Get-ScenarioRequest -Server $Server -Scenario retry-after-1e300 | Where-Object path -Like '*/products/*').Count -eq 2 } }
        @{ Kind = 'Retry-After: 1e300 on a creation'; Scenario = 'retry-after-1e300'; Errors = @('Adsumo.RateLimited')
            Run = { param($Connection, $Dir) New-AdsumoProduct -Name Mug -Description d -Category c -ImageUrl https://example.com/m.png -Connection $Connection } }
        @{ Kind = 'Retry-After: 99999999999'; Scenario = 'retry-after-huge-int'; Errors = @('Adsumo.RateLimited')
            Run = { param($Connection, $Dir) Get-AdsumoProduct -Id 11111111-1111-4111-8111-111111111111 -Connection $Connection }
            Check = { param($Run) $Run.Errors[0].Exception.RetryAfterSeconds -eq 86400 } }
        @{ Kind = 'Retry-After: a date in the year 9999'; Scenario = 'retry-after-year-9999'; Errors = @('Adsumo.RateLimited')
            Run = { param($Connection, $Dir) Get-AdsumoProduct -Id 11111111-1111-4111-8111-111111111111 -Connection $Connection }
            Check = { param($Run) $Run.Errors[0].Exception.RetryAfterSeconds -eq 86400 } }
        foreach ($unreadable in 'retry-after-negative', 'retry-after-nan', 'retry-after-infinity') {
            @{ Kind = "$unreadable (unreadable: the backoff applies)"; Scenario = $unreadable; Errors = @()
                Run = { param($Connection, $Dir) Get-AdsumoProduct -Id 11111111-1111-4111-8111-111111111111 -Connection $Connection }
                Check = { param($Run) $Run.Output.Count -eq 1 } }
        }
        @{ Kind = 'Retry-After: 1e300 from the file host'; Scenario = 'file-retry-after-1e300'; Errors = @('Adsumo.DownloadFailed')
            Run = { param($Connection, $Dir) Save-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Path $Dir -Connection $Connection }
            Check = { param($Run, $Dir, $Server) @(Get-ScenarioRequest -Server $Server -Scenario file-retry-after-1e300 | Where-Object path -Like '*/files/*').Count -eq 1 } }

        # Totals and pages that lie: bounded, and ending in a clear error after what was read.
        @{ Kind = 'a total that alternates between 250 and 249'; Scenario = 'total-alternating'; Errors = @('Adsumo.InvalidResponse')
            Run = { param($Connection, $Dir) Get-AdsumoProduct -Connection $Connection }
            Check = { param($Run, $Dir, $Server)
                ($Run.Output.Id | Sort-Object -Unique).Count -eq $Run.Output.Count -and $Run.Output.Count -le 250 -and
                @(Get-ScenarioRequest -Server $Server -Scenario total-alternating | Where-Object path -Like '*/products').Count -lt 40 } }
        @{ Kind = 'a negative total'; Scenario = 'total-negative'; Errors = @('Adsumo.InvalidResponse'); Message = 'negative total \(-5\)'
            Run = { param($Connection, $Dir) Get-AdsumoProduct -IncludeTotalCount -Connection $Connection } }
        @{ Kind = 'the same page whatever the offset, with a total of 10^15'; Scenario = 'total-huge-repeating'; Errors = @('Adsumo.InvalidResponse'); Written = 100
            Run = { param($Connection, $Dir) Get-AdsumoProduct -Connection $Connection } }
        @{ Kind = 'the same page of avatars whatever the offset, with a total of 10^12'; Scenario = 'avatars-repeating'; Errors = @('Adsumo.InvalidResponse')
            Run = { param($Connection, $Dir) Get-AdsumoAvatar -Type Platform -Connection $Connection }
            Check = { param($Run, $Dir, $Server) @(Get-ScenarioRequest -Server $Server -Scenario avatars-repeating | Where-Object path -Like '*/avatars').Count -eq 2 } }
        @{ Kind = 'the same page of avatars, looked up by id'; Scenario = 'avatars-repeating'; Errors = @('Adsumo.InvalidResponse')
            Run = { param($Connection, $Dir) Get-AdsumoAvatar -Id bbbbbbbb-bbbb-4bbb-8bbb-000000000001 -Connection $Connection } }

        # Valid JSON nested 10,000 deep: refused at once, not retried as if it were cut off.
        @{ Kind = 'valid JSON nested 10,000 deep, not retried'; Scenario = 'deep-json'; Errors = @('Adsumo.InvalidResponse'); Message = 'nested more than 64 levels deep'
            Run = { param($Connection, $Dir) Get-AdsumoProduct -Id 11111111-1111-4111-8111-111111111111 -Connection $Connection }
            Check = { param($Run, $Dir, $Server) @(Get-ScenarioRequest -Server $Server -Scenario deep-json | Where-Object path -Like '*/products/*').Count -eq 1 } }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ReliabilitySupport.psm1') -Force
    Import-TestModule
    $script:server = Start-TestScenarioServer
}

AfterAll {
    Disconnect-Adsumo
    if ($script:server) { Stop-Emulator $script:server }
}

Describe 'What a hostile service cannot do' {
    BeforeAll {
        $script:caseCount = 0
    }

    It 'answers <Kind> with <Errors>' -ForEach $hostileAnswers {
        $script:caseCount++
        Clear-ScenarioRequest -Server $server
        $connection = Connect-Scenario -Server $server -Scenario $Scenario -MaxRetries 2 -RetryBaseDelaySeconds 0.01 -RequestTimeoutSeconds 5
        # A sandbox: the destination is two folders down, so that an escape of one or two levels would still land
        # in the sandbox, where it is seen.
        $sandbox = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $dir = Join-Path $sandbox 'ads/inner'
        # As in a script: every item's error is written, and the pipeline goes on to the next.
        $ErrorActionPreference = 'Continue'
        $run = Invoke-Captured { & $Run $connection $dir }

        @($run.Errors | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*$' }) | Should -Be @($Errors)
        foreach ($record in $run.Errors) {
            # Whatever the answer held, what is shown is safe to print, and the original exception is inside.
            "$record $($record.Exception.Message) $($record.ErrorDetails.Message)" | Should -Not -Match '[\p{Cc}\p{Cf}]'
            $record.Exception | Should -Not -BeNullOrEmpty
        }
        if ($Message) { $run.Errors[0].ToString() | Should -Match $Message }
        # Nothing lands outside the destination folder, wherever the answer pointed.
        $outside = @(if (Test-Path $sandbox) { Get-ChildItem $sandbox -Recurse -Force -File | Where-Object { -not $_.FullName.StartsWith($dir + [IO.Path]::DirectorySeparatorChar) } })
        $outside.FullName | Should -BeNullOrEmpty
        Test-Path '/tmp/adsumo-escaped*' | Should -BeFalse
        if ($Saved) {
            $run.Output.Count | Should -Be 1
            $run.Output[0].FullName | Should -Be (Join-Path $dir $Saved)
            $run.Output[0].GenerationId | Should -Be '44444444-4444-4444-8444-444444444444'
            @(Get-ChildItem $dir -Force).Name | Should -Be @($Saved)
        }
        elseif ($Written) { $run.Output.Count | Should -Be $Written }
        elseif (-not $Check) { $run.Output.Count | Should -Be 0 }
        if ($Check) { & $Check $run $dir $server | Should -BeTrue }
        $run.Seconds | Should -BeLessThan 15
    }

    It 'has as many cases as docs/reliability.md says' -ForEach @{ Count = $hostileAnswers.Count } {
        # The count in the docs is this table's, checked on every run, and recorded with the run's figures.
        Save-ReliabilityFigure -Section hostile -Name cases -Value $Count
        $docs = Get-Content (Join-Path $PSScriptRoot '../../docs/reliability.md') -Raw
        $docs | Should -Match "\b$Count hostile answers\b"
        # And every row above ran.
        $script:caseCount | Should -Be $Count
    }
}
