# Answers that are wrong in every way the scenario server can make them: each gives a clear error (an Adsumo.* id
# and a message saying what was wrong) or, where the contract asks for tolerance, a result; never an unexpected
# exception and never a hang.

BeforeDiscovery {
    $product = '11111111-1111-4111-8111-111111111111'
    $generation = '44444444-4444-4444-8444-444444444444'
    $getProduct = @{ Command = 'Get-AdsumoProduct'; Parameters = @{ Id = $product } }
    $listProducts = @{ Command = 'Get-AdsumoProduct'; Parameters = @{} }

    # Scenario, what is run against it, and the error id with a pattern its message must match.
    # Not $script: scoped: discovery of every file shares a scope, and a name set there reaches other files.
    $brokenAnswers = @(
        @{ Kind = 'invalid JSON'; Scenario = 'invalid-json'; Id = 'Adsumo.InvalidResponse'; Message = 'is not valid JSON \(application/json, 51 bytes' } + $getProduct
        @{ Kind = 'a proxy''s HTML error page'; Scenario = 'html-page'; Id = 'Adsumo.ServerError'; Message = 'answered with a text/html page: 502 Bad Gateway.*502, after 3 attempts' } + $listProducts
        @{ Kind = 'an HTML page with status 200'; Scenario = 'html-200'; Id = 'Adsumo.InvalidResponse'; Message = 'not valid JSON \(text/html' } + $getProduct
        @{ Kind = 'an empty 200'; Scenario = 'empty-200'; Id = 'Adsumo.InvalidResponse'; Message = 'answered 200 with an empty body where JSON was expected' } + $getProduct
        @{ Kind = 'a body cut off with the connection'; Scenario = 'truncated'; Id = 'Adsumo.NetworkError'; Message = 'failed after 3 attempts.*the connection was reset' } + $listProducts
        @{ Kind = 'an object where a list belongs'; Scenario = 'wrong-shape'; Id = 'Adsumo.InvalidResponse'; Message = 'GET products answered without a data array' } + $listProducts
        @{ Kind = 'a list where an object belongs'; Scenario = 'wrong-shape'; Id = 'Adsumo.InvalidResponse'; Message = 'Expected a product object but got array' } + $getProduct
        @{ Kind = 'items without an id'; Scenario = 'missing-fields'; Id = 'Adsumo.InvalidResponse'; Message = 'A product in the answer has no id' } + $listProducts
        @{ Kind = 'a generation without an id'; Scenario = 'missing-fields'; Id = 'Adsumo.InvalidResponse'; Message = 'A generation in the answer has no id' ; Command = 'Get-AdsumoGeneration'; Parameters = @{ Id = $generation } }
        @{ Kind = 'a submission answer without a generation id'; Scenario = 'missing-fields'; Id = 'Adsumo.InvalidResponse'; Message = 'A generation in the answer has no id'; Command = 'New-AdsumoImage'; Parameters = @{ Prompt = 'p'; Model = 'fast'; AspectRatio = '1:1' } }
        @{ Kind = 'the JSON literal null'; Scenario = 'null-body'; Id = 'Adsumo.InvalidResponse'; Message = 'Expected a product object but got null' } + $getProduct
        @{ Kind = 'JSON nested 10,000 deep'; Scenario = 'deep-json'; Id = 'Adsumo.InvalidResponse'; Message = 'not valid JSON.*depth' } + $listProducts
        @{ Kind = 'an error as {"error":{code,message,param}}'; Scenario = 'error-object'; Id = 'Adsumo.InvalidRequest'; Message = '^Scenario says the name is wrong\. \(GET .*: 400 invalid_request, param name, request [0-9a-f]{32}\)$' } + $listProducts
        @{ Kind = 'an error as {"error":"text"}'; Scenario = 'error-string'; Id = 'Adsumo.NotFound'; Message = '^Scenario says there is no such thing\. \(GET .*: 404, request' } + $getProduct
        @{ Kind = 'an error as {"message":"text"}'; Scenario = 'error-message'; Id = 'Adsumo.Conflict'; Message = 'Scenario says it is in use\. \(DELETE .*: 409'; Command = 'Remove-AdsumoProduct'; Parameters = @{ Id = $product; Force = $true } }
        @{ Kind = 'an error that is plain text'; Scenario = 'error-text'; Id = 'Adsumo.Forbidden'; Message = 'answered with a text/plain page: Scenario: forbidden by the corporate proxy\. \(GET .*: 403' } + $getProduct
        @{ Kind = 'an error with no body'; Scenario = 'error-empty'; Id = 'Adsumo.HttpError'; Message = '^The service answered 418 I''m a teapot\.' } + $getProduct
        @{ Kind = 'an error message with terminal escapes'; Scenario = 'control-chars'; Id = 'Adsumo.InvalidRequest'; Message = '^Bad \[31mred \[0m value with \]0;retitled escapes\.' } + $getProduct
        @{ Kind = 'a body trickling past the timeout'; Scenario = 'trickle'; Id = 'Adsumo.Timeout'; Message = 'no complete answer within 1\.0 s' } + $getProduct
        @{ Kind = 'a 40 MB body, announced'; Scenario = 'huge'; Id = 'Adsumo.InvalidResponse'; Message = 'is larger than 32 MB; the module refuses to hold it in memory' } + $listProducts
        @{ Kind = 'a 40 MB body, not announced'; Scenario = 'huge-chunked'; Id = 'Adsumo.InvalidResponse'; Message = 'is larger than 32 MB' } + $listProducts
        @{ Kind = 'pages that ignore the offset and give no total'; Scenario = 'paging-ignores-offset'; Id = 'Adsumo.InvalidResponse'; Message = 'answered offset 100 with items it had already listed, so it seems to ignore the offset'; Written = 100 } + $listProducts
        @{ Kind = 'a redirect loop'; Scenario = 'redirect-loop'; Id = 'Adsumo.InvalidResponse'; Message = 'was redirected more than 5 times; giving up' } + $getProduct
        @{ Kind = 'a redirect without a Location'; Scenario = 'redirect-no-location'; Id = 'Adsumo.InvalidResponse'; Message = 'answered 302 without a Location to go to' } + $getProduct
        @{ Kind = 'a credit balance that is not JSON, at connect'; Scenario = 'credits-invalid'; Id = 'Adsumo.InvalidResponse'; Message = '^Could not connect to .* with key adsumo_sk_\*\*\*\*\w{4}: The service''s answer to GET account/credits is not valid JSON'; Command = 'Connect-Adsumo'; Parameters = @{} }
    )

    # Answers the contract asks the module to tolerate: what comes out instead of an error.
    $toleratedAnswers = @(
        @{ Kind = 'fields of the wrong JSON types'; Scenario = 'wrong-types'; Command = 'Get-AdsumoProduct'; Parameters = @{}
            Check = { param($out) $out.Count -eq 3 -and $out[0].Name -eq '42' -and $out[0].Price -eq 12.5 -and $null -eq $out[0].Currency -and $null -eq $out[0].CreatedAt } }
        @{ Kind = 'unknown enum values and fields'; Scenario = 'unknown-enum'; Command = 'Get-AdsumoGeneration'; Parameters = @{ Id = $generation }
            Check = { param($out) $out.Count -eq 1 -and $out[0].Type -eq 'hologram' -and $out[0].Status -eq 'queued-for-review' } }
        @{ Kind = 'a 200 with a body to a delete'; Scenario = 'delete-200'; Command = 'Remove-AdsumoProduct'; Parameters = @{ Id = $product; Force = $true }
            Check = { param($out) $out.Count -eq 0 } }
        @{ Kind = 'a redirect within the API''s own host'; Scenario = 'redirect-same-host'; Command = 'Get-AdsumoProduct'; Parameters = @{}
            Check = { param($out) $out.Count -eq 3 } }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ReliabilitySupport.psm1') -Force
    Import-TestModule
    $script:server = Start-TestScenarioServer
    $script:emulator = Start-TestEmulator
}

AfterAll {
    Disconnect-Adsumo
    if ($script:server) { Stop-LoopbackServer $script:server }
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'Answers that are wrong' -ForEach @{ CaseCount = $brokenAnswers.Count + $toleratedAnswers.Count } {
    BeforeAll {
        # The count docs/reliability.md quotes: the rows of both tables, as run.
        Save-ReliabilityFigure -Section counts -Name 'bad answers' -Value $CaseCount
    }

    It 'reports <Kind> as <Id>' -ForEach $brokenAnswers {
        $parameters = @{} + $Parameters
        $uri = Get-ScenarioUri -Server $server -Scenario $Scenario
        if ($Command -eq 'Connect-Adsumo') {
            $parameters += @{ ApiKey = New-TestKey; BaseUri = $uri; MaxRetries = 2; RetryBaseDelaySeconds = 0.01 }
        }
        else {
            $parameters.Connection = Connect-Scenario -Server $server -Scenario $Scenario -MaxRetries 2 -RetryBaseDelaySeconds 0.01 -RequestTimeoutSeconds 1
        }
        $command = Get-Command $Command
        $run = Invoke-Captured { & $command @parameters }

        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be "$Id,$($command.ImplementingType.FullName)"
        $run.Errors[0].Exception | Should -BeOfType ([Adsumo.AdsumoException])
        # As shown: the error details, which add what the command was doing to the exception's message.
        $run.Errors[0].ToString() | Should -Match $Message
        # Whatever the answer held, the message is safe to print.
        $run.Errors[0].ToString() | Should -Not -Match '[\p{Cc}\p{Cf}]'
        # Nothing is written, except what a list had streamed before it went wrong.
        $run.Output.Count | Should -Be $(if ($Written) { $Written } else { 0 })
        $run.Seconds | Should -BeLessThan 10
    }

    It 'tolerates <Kind>' -ForEach $toleratedAnswers {
        $parameters = @{} + $Parameters
        $parameters.Connection = Connect-Scenario -Server $server -Scenario $Scenario -MaxRetries 2 -RetryBaseDelaySeconds 0.01
        $command = Get-Command $Command
        $run = Invoke-Captured { & $command @parameters }
        $run.Errors | Should -BeNullOrEmpty
        & $Check $run.Output.ToArray() | Should -BeTrue
        $run.Seconds | Should -BeLessThan 10
    }

    It 'keeps waiting on a generation whose status it does not know, until -TimeoutSeconds' {
        $connection = Connect-Scenario -Server $server -Scenario unknown-enum
        $run = Invoke-Captured { Wait-AdsumoGeneration -Id 44444444-4444-4444-8444-444444444444 -TimeoutSeconds 1 -PollIntervalSeconds 0.1 -Connection $connection }
        $run.Output.Count | Should -Be 0
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.WaitTimeout,Adsumo.Commands.WaitAdsumoGenerationCommand'
        @(Get-ScenarioRequest -Server $server -Scenario unknown-enum | Where-Object path -Like '*/generations/*').Count | Should -BeGreaterThan 2
    }

    It 'retries a JSON body cut off mid-value (the emulator''s malformed fault) and then says it is not JSON' {
        $team = New-TestTeam -Emulator $emulator -MaxRetries 2 -RetryBaseDelaySeconds 0.01
        Set-EmulatorFault -Emulator $emulator -Fault @{ malformed_rate = 1 }
        try {
            Clear-EmulatorRequest -Emulator $emulator
            $run = Invoke-Captured { Get-AdsumoProduct -Connection $team.Connection -Verbose }
        }
        finally {
            Clear-EmulatorFault -Emulator $emulator
        }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.InvalidResponse,Adsumo.Commands.GetAdsumoProductCommand'
        $run.Errors[0].Exception.Message | Should -Match 'not valid JSON'
        @($run.Verbose -match '^Retrying .* after an answer that is not valid JSON').Count | Should -Be 2
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object fault -EQ 'malformed').Count | Should -Be 3
    }
}
