# A service that lies, on purpose or by a bug, or a proxy that rewrites it: every value it sends is untrusted. Each
# case is one scripted scenario of the scenario server (the rules below answer what they match, the rest answers
# normally) and asserts the exact error id or the safe result. Whatever the case, no file is written outside the
# folder asked for, no message carries a control or format character, and nothing hangs or crashes the process.
# Errors are collected as a script that goes on would see them ('Continue'), so a case can show that the next
# item went on after the first one's error.

BeforeDiscovery {
    $gid = '44444444-4444-4444-8444-444444444444'
    $other = '55555555-5555-4555-8555-555555555555'
    $generationPath = '^/api/v1/generations/[^/]+$'
    $esc = [char]0x1b
    $bel = [char]7
    $rlo = [char]0x202e
    $products = @(1..100 | ForEach-Object { @{ id = ('aaaaaaaa-aaaa-4aaa-8aaa-{0:D12}' -f $_); name = "P$_" } })
    $products2 = @(101..200 | ForEach-Object { @{ id = ('aaaaaaaa-aaaa-4aaa-8aaa-{0:D12}' -f $_); name = "P$_" } })
    $voiceover = '^/api/v1/voiceovers/text-to-speech$'

    # Kind, the rules of its scenario, what is run (given $Connection and $Folder, a new empty folder three levels
    # below a temporary root), the error id expected (none when it must succeed) and further checks.
    $cases = @(
        # A file name from the service's values never leaves the folder.
        @{ Kind = 'a generation answered with an id that climbs out of -Path (-Id)'; Id = 'Adsumo.InvalidResponse'
            Rules = @(@{ method = 'GET'; path = $generationPath; json = @{ id = 'x/../../../escaped'; type = 'image'; status = 'completed'; result_url = '{fileRoot}/r.png' } })
            Run = { param($Connection, $Folder) Save-AdsumoGeneration -Id $gid -Path $Folder -Connection $Connection } }
        @{ Kind = 'a generation answered with an id that climbs out of -Path (piped id)'; Id = 'Adsumo.InvalidResponse'
            Rules = @(@{ method = 'GET'; path = $generationPath; json = @{ id = '..\..\..\escaped'; type = 'image'; status = 'completed'; result_url = '{fileRoot}/r.png' } })
            Run = { param($Connection, $Folder) $gid | Save-AdsumoGeneration -Path $Folder -Connection $Connection } }
        @{ Kind = 'a listed generation whose id climbs out of -Path (piped object)'; Id = 'Adsumo.InvalidId'
            Rules = @(@{ method = 'GET'; path = '^/api/v1/generations$'; json = @{ data = @(@{ id = '../../../escaped'; type = 'image'; status = 'completed'; result_url = '{fileRoot}/r.png' }); pagination = @{ total = 1 } } })
            Run = { param($Connection, $Folder) Get-AdsumoGeneration -Connection $Connection | Save-AdsumoGeneration -Path $Folder -Connection $Connection } }
        @{ Kind = 'a webhook whose generation id climbs out of -Path'; Id = 'Adsumo.InvalidId'; Rules = @()
            Run = { param($Connection, $Folder)
                ConvertFrom-AdsumoWebhook -Body '{"event":"generation.completed","generation_id":"../../../escaped","type":"image","status":"completed","result_url":"http://127.0.0.1:9/r.png"}' |
                    Save-AdsumoGeneration -Path $Folder -Connection $Connection } }
        @{ Kind = 'a generation answered with another valid id'; Id = 'Adsumo.InvalidResponse'
            Rules = @(@{ method = 'GET'; path = $generationPath; json = @{ id = $other; type = 'image'; status = 'completed'; result_url = '{fileRoot}/r.png' } })
            Run = { param($Connection, $Folder) Save-AdsumoGeneration -Id $gid -Path $Folder -Connection $Connection } }
        @{ Kind = 'a type with separators and dots'; Output = 1; Saved = "x-$gid.png"
            Rules = @(@{ method = 'GET'; path = $generationPath; json = @{ id = '{id}'; type = '../..\..\X'; status = 'completed'; result_url = '{fileRoot}/r.png' } })
            Run = { param($Connection, $Folder) Save-AdsumoGeneration -Id $gid -Path $Folder -Connection $Connection } }
        @{ Kind = 'a type with escapes and nothing usable'; Output = 1; Saved = "generation-$gid.mp4"
            Rules = @(@{ method = 'GET'; path = $generationPath; json = @{ id = '{id}'; type = "$esc/..$bel$rlo"; status = 'completed'; result_url = '{fileRoot}/r.mp4' } })
            Run = { param($Connection, $Folder) Save-AdsumoGeneration -Id $gid -Path $Folder -Connection $Connection } }
        # The key goes only to the API's own origin, port included; a gone item is a missing one.
        @{ Kind = 'a redirect to another port of the same host'; Id = 'Adsumo.InvalidResponse'; Message = 'redirected to another host \(http://127\.0\.0\.1:9\)'; Requests = 1
            Rules = @(@{ method = 'GET'; path = '^/api/v1/products/'; status = 307; headers = @{ Location = 'http://127.0.0.1:9/api/v1/products/x' } })
            Run = { param($Connection, $Folder) Get-AdsumoProduct -Id $gid -Connection $Connection } }
        @{ Kind = 'a 410 Gone for a product'; Id = 'Adsumo.NotFound'; Message = 'It was deleted'
            Rules = @(@{ method = 'GET'; path = '^/api/v1/products/'; status = 410; json = @{ error = @{ code = 'gone'; message = 'It was deleted' } } })
            Run = { param($Connection, $Folder) Get-AdsumoProduct -Id $gid -Connection $Connection } }
        # Only absolute http(s) URLs are fetched.
        @{ Kind = 'a result URL on file:'; Id = 'Adsumo.DownloadFailed'; Message = 'not an absolute http or https URL'
            Rules = @(@{ method = 'GET'; path = $generationPath; json = @{ id = '{id}'; type = 'image'; status = 'completed'; result_url = 'file:///etc/passwd' } })
            Run = { param($Connection, $Folder) Save-AdsumoGeneration -Id $gid -Path $Folder -Connection $Connection } }
        @{ Kind = 'a result URL on ftp:'; Id = 'Adsumo.DownloadFailed'; Message = 'not an absolute http or https URL'
            Rules = @(@{ method = 'GET'; path = $generationPath; json = @{ id = '{id}'; type = 'image'; status = 'completed'; result_url = 'ftp://127.0.0.1/r.png' } })
            Run = { param($Connection, $Folder) Save-AdsumoGeneration -Id $gid -Path $Folder -Connection $Connection } }
        @{ Kind = 'a relative result URL'; Id = 'Adsumo.DownloadFailed'; Message = 'not an absolute http or https URL'
            Rules = @(@{ method = 'GET'; path = $generationPath; json = @{ id = '{id}'; type = 'image'; status = 'completed'; result_url = '/files/r.png' } })
            Run = { param($Connection, $Folder) Save-AdsumoGeneration -Id $gid -Path $Folder -Connection $Connection } }
        @{ Kind = 'a result file that redirects to file:'; Id = 'Adsumo.DownloadFailed'; Message = 'answered 302 to file:///etc/passwd, which the module does not follow'
            Rules = @(
                @{ method = 'GET'; path = $generationPath; json = @{ id = '{id}'; type = 'image'; status = 'completed'; result_url = '{fileRoot}/r.png' } }
                @{ method = 'GET'; path = '^/files/'; status = 302; headers = @{ Location = 'file:///etc/passwd' } })
            Run = { param($Connection, $Folder) Save-AdsumoGeneration -Id $gid -Path $Folder -Connection $Connection } }
        # A voiceover is paid for when it is answered: it is written even when its audio cannot be saved.
        @{ Kind = 'a voiceover whose audio URL is relative'; Id = 'Adsumo.DownloadFailed'; Output = 1
            Rules = @(@{ method = 'POST'; path = $voiceover; json = @{ id = $other; status = 'completed'; duration = 1; audio_url = '/audio/v.mp3' } })
            Run = { param($Connection, $Folder) New-AdsumoVoiceover -Text hi -VoiceId EXAVITQu4vr4xnSDxMaL -OutFile (Join-Path $Folder v.mp3) -Connection $Connection } }
        @{ Kind = 'a voiceover whose audio URL is on file:'; Id = 'Adsumo.DownloadFailed'; Output = 1
            Rules = @(@{ method = 'POST'; path = $voiceover; json = @{ id = $other; status = 'completed'; duration = 1; audio_url = 'file:///etc/passwd' } })
            Run = { param($Connection, $Folder) New-AdsumoVoiceover -Text hi -VoiceId EXAVITQu4vr4xnSDxMaL -OutFile (Join-Path $Folder v.mp3) -Connection $Connection } }
        @{ Kind = 'a voiceover whose audio URL is on ftp:'; Id = 'Adsumo.DownloadFailed'; Output = 1
            Rules = @(@{ method = 'POST'; path = $voiceover; json = @{ id = $other; status = 'completed'; duration = 1; audio_url = 'ftp://127.0.0.1/v.mp3' } })
            Run = { param($Connection, $Folder) New-AdsumoVoiceover -Text hi -VoiceId EXAVITQu4vr4xnSDxMaL -OutFile (Join-Path $Folder v.mp3) -Connection $Connection } }
        @{ Kind = 'a voiceover whose audio file redirects to file:'; Id = 'Adsumo.DownloadFailed'; Output = 1; Message = 'was made, but its audio was not saved'
            Rules = @(
                @{ method = 'POST'; path = $voiceover; json = @{ id = $other; status = 'completed'; duration = 1; audio_url = '{fileRoot}/v.mp3' } }
                @{ method = 'GET'; path = '^/files/'; status = 302; headers = @{ Location = 'file:///etc/passwd' } })
            Run = { param($Connection, $Folder) New-AdsumoVoiceover -Text hi -VoiceId EXAVITQu4vr4xnSDxMaL -OutFile (Join-Path $Folder v.mp3) -Connection $Connection } }
        # Retry-After is range-checked: an absurd wait is no wait at all for the bounds, and the next item goes on.
        @{ Kind = 'Retry-After: 1e300'; Id = 'Adsumo.RateLimited'; Errors = 2; Requests = 2
            Rules = @(@{ method = 'GET'; path = '^/api/v1/products/'; status = 429; headers = @{ 'Retry-After' = '1e300' }; json = @{ error = @{ code = 'rate_limited'; message = 'slow down' } } })
            Run = { param($Connection, $Folder) $gid, $other | Get-AdsumoProduct -Connection $Connection } }
        @{ Kind = 'Retry-After: 99999999999999999999'; Id = 'Adsumo.RateLimited'; Errors = 2; Requests = 2
            Rules = @(@{ method = 'GET'; path = '^/api/v1/products/'; status = 429; headers = @{ 'Retry-After' = '99999999999999999999' }; json = @{ error = @{ code = 'rate_limited'; message = 'slow down' } } })
            Run = { param($Connection, $Folder) $gid, $other | Get-AdsumoProduct -Connection $Connection } }
        @{ Kind = 'Retry-After as a date in the year 9999'; Id = 'Adsumo.RateLimited'; Errors = 2; Requests = 2
            Rules = @(@{ method = 'GET'; path = '^/api/v1/products/'; status = 429; headers = @{ 'Retry-After' = 'Fri, 31 Dec 9999 23:59:59 GMT' }; json = @{ error = @{ code = 'rate_limited'; message = 'slow down' } } })
            Run = { param($Connection, $Folder) $gid, $other | Get-AdsumoProduct -Connection $Connection } }
        @{ Kind = 'Retry-After: 1e300 on a creation'; Id = 'Adsumo.RateLimited'; Requests = 1
            Rules = @(@{ method = 'POST'; path = '^/api/v1/products$'; status = 429; headers = @{ 'Retry-After' = '1e300' }; json = @{ error = @{ code = 'rate_limited'; message = 'slow down' } } })
            Run = { param($Connection, $Folder) New-AdsumoProduct -Name Mug -Description d -Category c -ImageUrl https://example.com/m.png -Connection $Connection } }
        @{ Kind = 'Retry-After: NaN'; Id = 'Adsumo.RateLimited'; Errors = 2; Requests = 6
            Rules = @(@{ method = 'GET'; path = '^/api/v1/products/'; status = 429; headers = @{ 'Retry-After' = 'NaN' }; json = @{ error = @{ code = 'rate_limited'; message = 'slow down' } } })
            Run = { param($Connection, $Folder) $gid, $other | Get-AdsumoProduct -Connection $Connection } }
        @{ Kind = 'Retry-After: -5'; Id = 'Adsumo.RateLimited'; Errors = 2; Requests = 6
            Rules = @(@{ method = 'GET'; path = '^/api/v1/products/'; status = 429; headers = @{ 'Retry-After' = '-5' }; json = @{ error = @{ code = 'rate_limited'; message = 'slow down' } } })
            Run = { param($Connection, $Folder) $gid, $other | Get-AdsumoProduct -Connection $Connection } }
        @{ Kind = 'Retry-After: 1e300 on a result file'; Id = 'Adsumo.DownloadFailed'
            Rules = @(
                @{ method = 'GET'; path = $generationPath; json = @{ id = '{id}'; type = 'image'; status = 'completed'; result_url = '{fileRoot}/r.png' } }
                @{ method = 'GET'; path = '^/files/'; status = 503; headers = @{ 'Retry-After' = '1e300' }; text = 'busy' })
            Run = { param($Connection, $Folder) Save-AdsumoGeneration -Id $gid -Path $Folder -Connection $Connection } }
        # A wait polls the id it was given, whatever the answer names.
        @{ Kind = 'a poll answered with another generation'; Id = 'Adsumo.InvalidResponse'; MaxRequests = 4
            Rules = @(@{ method = 'GET'; path = $generationPath; json = @{ id = $other; type = 'image'; status = 'processing' } })
            Run = { param($Connection, $Folder) Wait-AdsumoGeneration -Id $gid -PollIntervalSeconds 0.05 -TimeoutSeconds 5 -Connection $Connection } }
        # Text shown to people carries no escapes, whichever field it came in.
        @{ Kind = 'escapes in a failed generation''s type and reason (Wait)'; Id = 'Adsumo.GenerationFailed'; Message = 'GPU .*on fire'
            Rules = @(@{ method = 'GET'; path = $generationPath; json = @{ id = '{id}'; type = "image$esc[2J"; status = 'failed'; error_message = "GPU $esc]0;pwned$bel on fire$rlo" } })
            Run = { param($Connection, $Folder) Wait-AdsumoGeneration -Id $gid -PollIntervalSeconds 0.05 -Connection $Connection } }
        @{ Kind = 'escapes in a failed generation''s type and reason (Save)'; Id = 'Adsumo.GenerationFailed'; Message = 'GPU .*on fire'
            Rules = @(@{ method = 'GET'; path = $generationPath; json = @{ id = '{id}'; type = "image$esc[2J"; status = 'failed'; error_message = "GPU $esc]0;pwned$bel on fire$rlo" } })
            Run = { param($Connection, $Folder) Save-AdsumoGeneration -Id $gid -Path $Folder -Connection $Connection } }
        @{ Kind = 'escapes in the status of a generation not ready (Save)'; Id = 'Adsumo.GenerationNotReady'; Message = 'is still rendering'
            Rules = @(@{ method = 'GET'; path = $generationPath; json = @{ id = '{id}'; type = 'image'; status = "rendering$esc[31m$rlo" } })
            Run = { param($Connection, $Folder) Save-AdsumoGeneration -Id $gid -Path $Folder -Connection $Connection } }
        # Loops are bounded against a server that lies about its lists.
        @{ Kind = 'a total that flickers between 250 and 249'; Id = 'Adsumo.InvalidResponse'; Message = 'total keeps changing'; Output = 200; MaxRequests = 20
            Rules = @(
                @{ method = 'GET'; path = '^/api/v1/products$'; query = '(^|&)offset=0(&|$)'; json = @{ data = $products; pagination = @{ total = 250 } } }
                @{ method = 'GET'; path = '^/api/v1/products$'; query = '(^|&)offset=100(&|$)'; json = @{ data = $products2; pagination = @{ total = 249 } } })
            Run = { param($Connection, $Folder) Get-AdsumoProduct -Connection $Connection } }
        @{ Kind = 'an unpaged list that repeats its page under a huge total'; Id = 'Adsumo.InvalidResponse'; Message = 'already listed'; MaxRequests = 3
            Rules = @(@{ method = 'GET'; path = '^/api/v1/avatars$'; json = @{ data = @(@{ id = $other; name = 'Loop' }); pagination = @{ total = 1000000000 } } })
            Run = { param($Connection, $Folder) Get-AdsumoAvatar -Type Platform -Connection $Connection } }
        @{ Kind = 'a negative total'; Output = 4; MaxRequests = 1
            Rules = @(@{ method = 'GET'; path = '^/api/v1/products$'; json = @{ data = @($products[0..2]); pagination = @{ total = -5 } } })
            Run = { param($Connection, $Folder) Get-AdsumoProduct -IncludeTotalCount -Connection $Connection }
            Check = { param($run) "$($run.Output[0])" | Should -Not -Match '1844674407'; @($run.Output | Where-Object { $_ -is [Adsumo.Product] }).Count | Should -Be 3 } }
        @{ Kind = 'valid JSON nested 100 deep'; Id = 'Adsumo.InvalidResponse'; Message = 'depth'; Requests = 1
            Rules = @(@{ method = 'GET'; path = $generationPath; text = ('{"a":' * 100) + '1' + ('}' * 100); content_type = 'application/json' })
            Run = { param($Connection, $Folder) Get-AdsumoGeneration -Id $gid -Connection $Connection } }
        # Files on this machine: what cannot be written ends at once, and is never retried as a network failure.
        @{ Kind = 'an -OutFile name longer than the file system allows'; Id = 'Adsumo.FileWriteFailed'; Requests = 1; RequestPath = '/files/'
            Rules = @(@{ method = 'GET'; path = $generationPath; json = @{ id = '{id}'; type = 'image'; status = 'completed'; result_url = '{fileRoot}/r.png' } })
            Run = { param($Connection, $Folder) Save-AdsumoGeneration -Id $gid -OutFile (Join-Path $Folder ('n' * 300 + '.png')) -Connection $Connection } }
        @{ Kind = 'an -OutFile name just under the limit (the temporary name is shortened)'; Output = 1; Saved = ('n' * 250 + '.png')
            Rules = @(@{ method = 'GET'; path = $generationPath; json = @{ id = '{id}'; type = 'image'; status = 'completed'; result_url = '{fileRoot}/r.png' } })
            Run = { param($Connection, $Folder) Save-AdsumoGeneration -Id $gid -OutFile (Join-Path $Folder ('n' * 250 + '.png')) -Connection $Connection } }
        @{ Kind = 'a -Path under a regular file'; Id = 'Adsumo.FileWriteFailed'
            Rules = @(@{ method = 'GET'; path = $generationPath; json = @{ id = '{id}'; type = 'image'; status = 'completed'; result_url = '{fileRoot}/r.png' } })
            Run = { param($Connection, $Folder) Set-Content (Join-Path $Folder plain.txt) 'x'; Save-AdsumoGeneration -Id $gid -Path (Join-Path $Folder plain.txt/ads) -Connection $Connection }
            Check = { param($run, $Folder) @(Get-ChildItem $Folder).Name | Should -Be 'plain.txt' } }
        @{ Kind = 'a -Path that is a regular file'; Id = 'Adsumo.PathIsFile'
            Rules = @()
            Run = { param($Connection, $Folder) Set-Content (Join-Path $Folder plain.txt) 'x'; Save-AdsumoGeneration -Id $gid -Path (Join-Path $Folder plain.txt) -Connection $Connection }
            Check = { param($run, $Folder) @(Get-ChildItem $Folder).Name | Should -Be 'plain.txt' } }
    )
}

BeforeAll {
    $ErrorActionPreference = 'Continue'
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ReliabilitySupport.psm1') -Force
    Import-TestModule
    $script:server = Start-TestScenarioServer
}

AfterAll {
    Disconnect-Adsumo
    if ($script:server) { Stop-LoopbackServer $script:server }
}

Describe 'A hostile or broken service' -ForEach @{ CaseCount = $cases.Count } {
    BeforeAll {
        # The count docs/reliability.md quotes: the rows of the table, as run.
        Save-ReliabilityFigure -Section hostile -Name answers -Value $CaseCount
    }

    It 'is survived: <Kind>' -ForEach $cases {
        # The ids the rows' scripts use (discovery's variables are gone when the tests run).
        $gid = '44444444-4444-4444-8444-444444444444'
        $other = '55555555-5555-4555-8555-555555555555'
        $root = Join-Path ([IO.Path]::GetTempPath()) ('adsumo-hostile-' + [guid]::NewGuid().ToString('N'))
        $folder = Join-Path $root 'a/b/ads'
        $null = New-Item -ItemType Directory $folder
        try {
            $scenario = Connect-ScriptedScenario -Server $server -Rules @($Rules | ForEach-Object {
                    $rule = @{} + $_
                    if (-not $rule.ContainsKey('answers')) {
                        $answer = @{}
                        foreach ($field in 'status', 'headers', 'json', 'text', 'content_type') { if ($rule.ContainsKey($field)) { $answer[$field] = $rule[$field]; $rule.Remove($field) } }
                        $rule.answers = @($answer)
                    }
                    $rule
                })
            # Made anew here: a script block from discovery keeps discovery's scope, where errors stop the pipeline.
            $command = [scriptblock]::Create($Run.ToString())
            $run = Invoke-Captured { & $command $scenario.Connection $folder }

            $expectedErrors = if ($Errors) { $Errors } elseif ($Id) { 1 } else { 0 }
            $run.Errors.Count | Should -Be $expectedErrors -Because (($run.Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) -join '; ')
            foreach ($record in $run.Errors) {
                $record.FullyQualifiedErrorId | Should -BeLike "$Id,*"
                $record.Exception.GetType().FullName | Should -BeLike 'Adsumo.*'
                if ($Message) { $record.ToString() | Should -Match $Message }
                # Whatever the answer held, the message is safe to print.
                $record.ToString() | Should -Not -Match '[\p{Cc}\p{Cf}]'
            }
            $run.Output.Count | Should -Be $(if ($Output) { $Output } else { 0 })
            if ($Saved) { Join-Path $folder $Saved | Should -Exist }
            # Nothing lands outside the folder asked for, and nothing half-written stays anywhere.
            @(Get-ChildItem $root -Recurse -File -Force | Where-Object { -not $_.FullName.StartsWith($folder + [IO.Path]::DirectorySeparatorChar) }) | Should -BeNullOrEmpty
            @(Get-ChildItem $root -Recurse -File -Force -Filter '*.partial') | Should -BeNullOrEmpty
            $sent = @(Get-ScenarioRequest -Server $server -Scenario $scenario.Name | Where-Object { $_.path -notlike '*/account/credits' })
            if ($RequestPath) { $sent = @($sent | Where-Object path -Like "*$RequestPath*") }
            if ($Requests) { $sent.Count | Should -Be $Requests }
            if ($MaxRequests) { $sent.Count | Should -BeLessOrEqual $MaxRequests }
            if ($Check) { & $Check $run $folder }
            $run.Seconds | Should -BeLessThan 20
        }
        finally {
            Remove-Item $root -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Hostile values on the way out' {
    BeforeAll {
        $script:connection = Connect-Scenario -Server $server -Scenario ok
    }

    It 'refuses a -VoiceSettings that contains itself, even with -WhatIf, and the process goes on' {
        $settings = @{ stability = 0.5 }
        $settings.self = $settings
        $run = Invoke-Captured { New-AdsumoVoiceover -Text hi -VoiceId EXAVITQu4vr4xnSDxMaL -VoiceSettings $settings -WhatIf -Connection $connection }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'Adsumo.InvalidBody,*'
        $run.Errors[0].ToString() | Should -Match 'contains itself'
    }

    It 'refuses a -Body nested 10,000 deep, and a PSCustomObject that contains itself' {
        $deep = @{}
        $cursor = $deep
        foreach ($i in 1..10000) { $next = @{}; $cursor.n = $next; $cursor = $next }
        $custom = [pscustomobject]@{ name = 'loop' }
        $custom | Add-Member -NotePropertyName self -NotePropertyValue $custom
        Clear-ScenarioRequest -Server $server
        $run = Invoke-Captured {
            Invoke-AdsumoRequest -Method POST -Path products -Body $deep -Connection $connection -Confirm:$false
            Invoke-AdsumoRequest -Method POST -Path products -Body $custom -Connection $connection -Confirm:$false
        }
        $run.Errors.Count | Should -Be 2
        $run.Errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Adsumo.InvalidBody,*' }
        $run.Errors[0].ToString() | Should -Match 'nested more than 64 levels'
        @(Get-ScenarioRequest -Server $server -Scenario ok | Where-Object method -EQ POST) | Should -BeNullOrEmpty
    }

    It 'refuses a -Body that is an endless sequence, even with -WhatIf, and the process goes on' {
        $run = Invoke-Captured { Invoke-AdsumoRequest -Method POST -Path products -Body @{ items = [Linq.Enumerable]::Range(0, [int]::MaxValue) } -WhatIf -Connection $connection }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'Adsumo.InvalidBody,*'
        $run.Errors[0].ToString() | Should -Match 'more than 100,000 values'
        $run.Seconds | Should -BeLessThan 10
    }

    It 'writes a paid voiceover even under -ErrorAction Stop, before the error about its audio' {
        $scenario = Connect-ScriptedScenario -Server $server -Rules @(@{
                method = 'POST'; path = '^/api/v1/voiceovers/text-to-speech$'
                answers = @(@{ json = @{ id = 'vo_paid'; status = 'completed'; duration = 1; audio_url = 'file:///etc/passwd' } })
            })
        $written = [Collections.Generic.List[object]]::new()
        $file = Join-Path $TestDrive 'paid.mp3'
        { New-AdsumoVoiceover -Text hi -VoiceId EXAVITQu4vr4xnSDxMaL -OutFile $file -Connection $scenario.Connection -ErrorAction Stop | ForEach-Object { $written.Add($_) } } |
            Should -Throw -ErrorId 'Adsumo.DownloadFailed,Adsumo.Commands.NewAdsumoVoiceoverCommand'
        $written.Id | Should -Be 'vo_paid'
        $file | Should -Not -Exist
    }

    It 'writes query values the same in every culture: booleans, numbers, dates and lists' {
        $culture = [cultureinfo]::CurrentCulture
        Clear-ScenarioRequest -Server $server
        try {
            [cultureinfo]::CurrentCulture = [cultureinfo]'de-DE'
            [cultureinfo]::DefaultThreadCurrentCulture = [cultureinfo]'de-DE'
            $run = Invoke-Captured {
                Invoke-AdsumoRequest -Method GET -Path products -Connection $connection -Query ([ordered]@{
                        flag = $true; ratio = 1.5; when = [datetime]::new(2026, 1, 15, 12, 0, 0, [DateTimeKind]::Utc); status = 'a', 'b'
                    })
            }
        }
        finally {
            [cultureinfo]::CurrentCulture = $culture
            [cultureinfo]::DefaultThreadCurrentCulture = $null
        }
        $run.Errors | Should -BeNullOrEmpty
        $query = @(Get-ScenarioRequest -Server $server -Scenario ok | Where-Object path -Like '*/products')[0].query
        $query | Should -Be 'flag=true&ratio=1.5&when=2026-01-15T12%3A00%3A00Z&status=a&status=b'
    }

    It 'refuses a query value that has no form in a query string, before sending' {
        Clear-ScenarioRequest -Server $server
        $run = Invoke-Captured { Invoke-AdsumoRequest -Method GET -Path products -Query @{ filter = @{ nested = 1 } } -Connection $connection }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'Adsumo.InvalidQuery,*'
        @(Get-ScenarioRequest -Server $server -Scenario ok | Where-Object path -Like '*/products') | Should -BeNullOrEmpty
    }

    It 'refuses relative paths while the location is not on the file system, and sends nothing' {
        Clear-ScenarioRequest -Server $server
        Push-Location Env:
        try {
            $save = Invoke-Captured { Save-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Connection $connection }
            $voice = Invoke-Captured { New-AdsumoVoiceover -Text hi -VoiceId EXAVITQu4vr4xnSDxMaL -OutFile line.mp3 -Connection $connection -Confirm:$false }
        }
        finally {
            Pop-Location
        }
        foreach ($run in $save, $voice) {
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'Adsumo.NotAFileSystemPath,*'
            $run.Errors[0].ToString() | Should -Match 'Environment provider'
        }
        @(Get-ScenarioRequest -Server $server -Scenario ok | Where-Object { $_.path -notlike '*/account/credits' }) | Should -BeNullOrEmpty
        Join-Path ([Environment]::CurrentDirectory) line.mp3 | Should -Not -Exist
    }

    It 'resolves relative paths against the current file-system location, not the process''s directory' {
        $folder = Join-Path ([IO.Path]::GetTempPath()) ('adsumo-location-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $folder
        Push-Location $folder
        try {
            $run = Invoke-Captured { Save-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -Path ads -Connection $connection }
        }
        finally {
            Pop-Location
        }
        try {
            $run.Errors | Should -BeNullOrEmpty
            $run.Output[0].FullName | Should -Be (Join-Path $folder 'ads/ai-video-44444444-4444-4444-8444-444444444444.mp4')
        }
        finally {
            Remove-Item $folder -Recurse -Force
        }
    }
}
