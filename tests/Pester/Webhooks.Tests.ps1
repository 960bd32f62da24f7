# Test-AdsumoWebhookSignature and ConvertFrom-AdsumoWebhook: on bodies signed here, and end to end on the webhooks an
# emulator really posts to a listener of this test when generations complete and fail.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule

    # The signature as the docs define it, computed independently of the module: lowercase hex HMAC-SHA256.
    function Get-TestSignature([byte[]] $Body, [string] $Secret) {
        $hmac = [Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($Secret))
        try { [Convert]::ToHexString($hmac.ComputeHash($Body)).ToLowerInvariant() } finally { $hmac.Dispose() }
    }

    $script:secret = 'whsec_' + [guid]::NewGuid().ToString('N')
    $script:completedBody = '{"event":"generation.completed","generation_id":"7d0f3c8e-2a4b-4c1d-9e8f-0a1b2c3d4e5f","type":"image","status":"completed","result_url":"https://files.example.com/r.png?sig=1","created_at":"2026-01-15T12:00:00Z","completed_at":"2026-01-15T12:00:30Z"}'
    $script:completedSignature = Get-TestSignature ([Text.Encoding]::UTF8.GetBytes($completedBody)) $secret
}

Describe 'Test-AdsumoWebhookSignature' {
    It 'is true for the body as a string and the secret as a string' {
        Test-AdsumoWebhookSignature -Body $completedBody -Signature $completedSignature -Secret $secret | Should -BeTrue
    }

    It 'is true for the body as bytes and the secret as a SecureString' {
        $bytes = [Text.Encoding]::UTF8.GetBytes($completedBody)
        $secure = ConvertTo-SecureString $secret -AsPlainText -Force
        Test-AdsumoWebhookSignature -Body $bytes -Signature $completedSignature -Secret $secure | Should -BeTrue
    }

    It 'reads a string body as UTF-8' {
        $body = '{"event":"generation.failed","error_message":"Caf' + [char]0xE9 + ' na' + [char]0xEF + 've"}'
        $signature = Get-TestSignature ([Text.Encoding]::UTF8.GetBytes($body)) $secret
        Test-AdsumoWebhookSignature -Body $body -Signature $signature -Secret $secret | Should -BeTrue
    }

    It 'takes the body from the pipeline' {
        $completedBody | Test-AdsumoWebhookSignature -Signature $completedSignature -Secret $secret | Should -BeTrue
    }

    It 'is false for <Case>' -ForEach @(
        @{ Case = 'a tampered body'; BodyOf = { $completedBody -replace 'completed"', 'failed"' }; SignatureOf = { $completedSignature }; SecretOf = { $secret } }
        @{ Case = 'a body with one more space'; BodyOf = { $completedBody + ' ' }; SignatureOf = { $completedSignature }; SecretOf = { $secret } }
        @{ Case = 'the wrong secret'; BodyOf = { $completedBody }; SignatureOf = { $completedSignature }; SecretOf = { $secret + 'x' } }
        @{ Case = 'a signature with one digit changed'; BodyOf = { $completedBody }; SignatureOf = { $completedSignature.Substring(0, 63) + $(if ($completedSignature[63] -eq '0') { '1' } else { '0' }) }; SecretOf = { $secret } }
        @{ Case = 'a truncated signature'; BodyOf = { $completedBody }; SignatureOf = { $completedSignature.Substring(0, 32) }; SecretOf = { $secret } }
        @{ Case = 'an empty signature'; BodyOf = { $completedBody }; SignatureOf = { '' }; SecretOf = { $secret } }
    ) {
        # Keys unlike the variables they compute: Pester makes each key a variable, and PowerShell ignores case.
        Test-AdsumoWebhookSignature -Body (& $BodyOf) -Signature (& $SignatureOf) -Secret (& $SecretOf) | Should -BeFalse
    }

    It 'refuses a body that is not a string or bytes' {
        { Test-AdsumoWebhookSignature -Body @{ event = 'generation.completed' } -Signature $completedSignature -Secret $secret } |
            Should -Throw -ErrorId 'Adsumo.InvalidWebhookBody,Adsumo.Commands.TestAdsumoWebhookSignatureCommand'
    }

    It 'refuses an empty secret' {
        { Test-AdsumoWebhookSignature -Body $completedBody -Signature $completedSignature -Secret '' } |
            Should -Throw -ErrorId 'Adsumo.MissingValue,Adsumo.Commands.TestAdsumoWebhookSignatureCommand'
    }
}

Describe 'ConvertFrom-AdsumoWebhook' {
    It 'reads a completed event without checking it when no secret is given' {
        $webhookEvent = ConvertFrom-AdsumoWebhook -Body $completedBody
        $webhookEvent | Should -BeOfType ([Adsumo.WebhookEvent])
        $webhookEvent.Event | Should -Be 'generation.completed'
        $webhookEvent.GenerationId | Should -Be '7d0f3c8e-2a4b-4c1d-9e8f-0a1b2c3d4e5f'
        $webhookEvent.Type | Should -Be 'image'
        $webhookEvent.Status | Should -Be 'completed'
        $webhookEvent.ResultUrl | Should -Be 'https://files.example.com/r.png?sig=1'
        $webhookEvent.ErrorMessage | Should -BeNullOrEmpty
        $webhookEvent.CreatedAt | Should -Be ([DateTimeOffset] '2026-01-15T12:00:00Z')
        $webhookEvent.CompletedAt | Should -Be ([DateTimeOffset] '2026-01-15T12:00:30Z')
        $webhookEvent.SignatureVerified | Should -BeFalse
    }

    It 'checks the signature when given the secret' {
        $webhookEvent = ConvertFrom-AdsumoWebhook -Body $completedBody -Signature $completedSignature -Secret $secret
        $webhookEvent.SignatureVerified | Should -BeTrue
        $webhookEvent.GenerationId | Should -Be '7d0f3c8e-2a4b-4c1d-9e8f-0a1b2c3d4e5f'
    }

    It 'stops with a terminating Adsumo.InvalidSignature on a wrong signature, and writes nothing' {
        $tampered = $completedBody -replace 'r\.png', 'evil.png'
        $wentOn = $false
        $failure = $null
        # Terminating: even -ErrorAction SilentlyContinue does not let the script go on with a forged event.
        $output = try {
            ConvertFrom-AdsumoWebhook -Body $tampered -Signature $completedSignature -Secret $secret -ErrorAction SilentlyContinue
            $wentOn = $true
        }
        catch { $failure = $_ }
        $output | Should -BeNullOrEmpty
        $wentOn | Should -BeFalse
        $failure.FullyQualifiedErrorId | Should -Be 'Adsumo.InvalidSignature,Adsumo.Commands.ConvertFromAdsumoWebhookCommand'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'refuses a body that is not a JSON object' {
        { ConvertFrom-AdsumoWebhook -Body 'not json' } | Should -Throw -ErrorId 'Adsumo.InvalidWebhookBody,Adsumo.Commands.ConvertFromAdsumoWebhookCommand'
        { ConvertFrom-AdsumoWebhook -Body '[1, 2]' } | Should -Throw -ErrorId 'Adsumo.InvalidWebhookBody,Adsumo.Commands.ConvertFromAdsumoWebhookCommand'
    }
}

Describe 'Webhooks posted by the emulator' {
    BeforeAll {
        # A free loopback port for this test's receiver.
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start()
        $port = $probe.LocalEndpoint.Port
        $probe.Stop()
        $script:listener = [Net.HttpListener]::new()
        $listener.Prefixes.Add("http://127.0.0.1:$port/hook/")
        $listener.Start()
        $script:hookEmulator = Start-TestEmulator -Arguments '--generation-seconds', '0.3',
            '--webhook-url', "http://127.0.0.1:$port/hook/", '--webhook-secret', $secret

        # Receives what the emulator posts (it queues each event and tries once, so the listener must be up first).
        function Receive-Webhook([int] $Count, [double] $TimeoutSeconds = 30) {
            $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
            for ($i = 0; $i -lt $Count; $i++) {
                $pending = $listener.GetContextAsync()
                $left = [int] [Math]::Max(0, ($deadline - [DateTime]::UtcNow).TotalMilliseconds)
                if (-not $pending.Wait($left)) { throw "Only $i of $Count webhooks arrived within $TimeoutSeconds s." }
                $context = $pending.Result
                $buffer = [IO.MemoryStream]::new()
                $context.Request.InputStream.CopyTo($buffer)
                [pscustomobject]@{
                    Method    = $context.Request.HttpMethod
                    Body      = $buffer.ToArray()
                    Signature = $context.Request.Headers['X-Adsumo-Signature']
                }
                $context.Response.StatusCode = 200
                $context.Response.Close()
            }
        }

        $script:team = New-TestTeam -Emulator $hookEmulator
        $script:completed = New-AdsumoImage -Prompt 'A bottle' -Model fast -AspectRatio 1:1
        $script:failed = New-AdsumoImage -Prompt 'A [fail] bottle' -Model fast -AspectRatio 1:1
        $script:received = @(Receive-Webhook -Count 2)
        $script:failedRecord = Get-AdsumoGeneration -Id $failed.Id
    }

    AfterAll {
        if ($script:listener) { $listener.Close() }
        if ($script:hookEmulator) { Stop-LoopbackServer $hookEmulator }
        Disconnect-Adsumo
    }

    It 'receives one signed POST per finished generation' {
        $received.Count | Should -Be 2
        $received.Method | Sort-Object -Unique | Should -Be 'POST'
        foreach ($hook in $received) { $hook.Signature | Should -Match '^[0-9a-f]{64}$' }
    }

    It 'verifies both with Test-AdsumoWebhookSignature, as bytes and as text' {
        foreach ($hook in $received) {
            Test-AdsumoWebhookSignature -Body $hook.Body -Signature $hook.Signature -Secret $secret | Should -BeTrue
            Test-AdsumoWebhookSignature -Body ([Text.Encoding]::UTF8.GetString($hook.Body)) -Signature $hook.Signature -Secret $secret | Should -BeTrue
        }
    }

    It 'finds a tampered copy false, and ConvertFrom-AdsumoWebhook refuses it' {
        $hook = $received[0]
        $tampered = [Text.Encoding]::UTF8.GetString($hook.Body) -replace '"status":"(completed|failed)"', '"status":"processing"'
        $tampered | Should -Not -Be ([Text.Encoding]::UTF8.GetString($hook.Body))
        Test-AdsumoWebhookSignature -Body $tampered -Signature $hook.Signature -Secret $secret | Should -BeFalse
        { ConvertFrom-AdsumoWebhook -Body $tampered -Signature $hook.Signature -Secret $secret } |
            Should -Throw -ErrorId 'Adsumo.InvalidSignature,Adsumo.Commands.ConvertFromAdsumoWebhookCommand'
    }

    It 'reads the completed generation''s event, whose result saves as a PNG' {
        $events = $received | ForEach-Object { ConvertFrom-AdsumoWebhook -Body $_.Body -Signature $_.Signature -Secret $secret }
        $webhookEvent = $events | Where-Object GenerationId -EQ $completed.Id
        $webhookEvent.Event | Should -Be 'generation.completed'
        $webhookEvent.Status | Should -Be 'completed'
        $webhookEvent.Type | Should -Be 'image'
        $webhookEvent.ResultUrl | Should -Match "^http.*$($completed.Id)"
        $webhookEvent.ErrorMessage | Should -BeNullOrEmpty
        $webhookEvent.CompletedAt | Should -BeGreaterOrEqual $webhookEvent.CreatedAt
        $webhookEvent.SignatureVerified | Should -BeTrue
        # GenerationId binds to Save-AdsumoGeneration's -Id.
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'hooked')
        $file = $webhookEvent | Save-AdsumoGeneration -Path $folder.FullName
        [byte[]] ([IO.File]::ReadAllBytes($file.FullName)[0..3]) | Should -Be ([byte[]] (0x89, 0x50, 0x4E, 0x47))
    }

    It 'reads the failed generation''s event with the emulator''s reason' {
        $events = $received | ForEach-Object { ConvertFrom-AdsumoWebhook -Body $_.Body -Signature $_.Signature -Secret $secret }
        $webhookEvent = $events | Where-Object GenerationId -EQ $failed.Id
        $webhookEvent.Event | Should -Be 'generation.failed'
        $webhookEvent.Status | Should -Be 'failed'
        $webhookEvent.ResultUrl | Should -BeNullOrEmpty
        $failedRecord.ErrorMessage | Should -Not -BeNullOrEmpty
        $webhookEvent.ErrorMessage | Should -Be $failedRecord.ErrorMessage
    }
}
