# Invoke-AdsumoRequest against the emulator: raw answers of endpoints with cmdlets, generations that pipe into the
# waiting cmdlets, the module's own errors, paths that would leave the API, -WhatIf, retries, and a key never shown.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator -Arguments '--generation-seconds', '0.5'
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'Invoke-AdsumoRequest' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'gives the raw page of products, with data and pagination, for a GET with a query' {
        $ids = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 5 }).products
        $listed = (Get-AdsumoProduct).Id
        Clear-EmulatorRequest -Emulator $emulator
        $page = Invoke-AdsumoRequest -Method GET -Path products -Query @{ limit = 2; offset = 1 }
        $page | Should -BeOfType ([pscustomobject])
        @($page.data).Count | Should -Be 2
        $page.data.id | Should -Be $listed[1..2]
        $page.data[0].name | Should -Not -BeNullOrEmpty
        $page.pagination.total | Should -Be 5
        $page.pagination.limit | Should -Be 2
        $page.pagination.offset | Should -Be 1
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        $requests.Count | Should -Be 1
        $requests[0].path | Should -Be '/api/v1/products'
        $sent = [Web.HttpUtility]::ParseQueryString($requests[0].query)
        $sent['limit'] | Should -Be '2'
        $sent['offset'] | Should -Be '1'
        $ids | Should -Contain $page.data[0].id
    }

    It 'takes a path with a leading slash, and a full URL inside the API' {
        $id = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 1 }).products[0]
        (Invoke-AdsumoRequest -Method GET -Path "/products/$id").id | Should -Be $id
        (Invoke-AdsumoRequest -Method GET -Path "$($emulator.BaseUri.TrimEnd('/'))/products/$id").id | Should -Be $id
    }

    It 'gives an Adsumo.Generation for a POST that starts one, which Wait-AdsumoGeneration takes' {
        $generation = Invoke-AdsumoRequest -Method POST -Path images/text-to-image -Body @{ prompt = 'A bottle'; model = 'pro'; aspect_ratio = '1:1'; quantity = 2 }
        $generation | Should -BeOfType ([Adsumo.Generation])
        $generation.Status | Should -Be 'processing'
        $generation.Type | Should -Be 'image'
        $done = $generation | Wait-AdsumoGeneration -PollIntervalSeconds 0.1
        $done.Id | Should -Be $generation.Id
        $done.Status | Should -Be 'completed'
        $details = (Get-AdsumoGeneration -Id $generation.Id).Details
        $details.Quantity | Should -Be 2
        $details.Model | Should -Be 'pro'
        (Get-AdsumoCredit).Used | Should -Be 4
    }

    It 'sends a body piped in, and a body given as a JSON string' {
        $fromPipeline = @{ prompt = 'Piped'; model = 'fast'; aspect_ratio = '9:16' } | Invoke-AdsumoRequest -Method POST -Path images/text-to-image
        $fromJson = Invoke-AdsumoRequest -Method POST -Path images/text-to-image -Body '{"prompt":"Json","model":"fast","aspect_ratio":"16:9"}'
        (Get-AdsumoGeneration -Id $fromPipeline.Id).Details.Prompt | Should -Be 'Piped'
        (Get-AdsumoGeneration -Id $fromJson.Id).Details.AspectRatio | Should -Be '16:9'
    }

    It 'writes nothing for a 204, and the DELETE is done' {
        $id = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 1 }).products[0]
        $output = Invoke-AdsumoRequest -Method DELETE -Path "products/$id" -Confirm:$false
        $output | Should -BeNullOrEmpty
        @(Get-AdsumoProduct).Count | Should -Be 0
    }

    It 'passes on the emulator''s 404 for a path it does not know as Adsumo.NotFound' {
        $raw = Invoke-WebRequest -Uri "$($emulator.BaseUri)/no/such/thing" -Headers @{ Authorization = "Bearer $($team.Key)" } -SkipHttpErrorCheck
        $raw.StatusCode | Should -Be 404
        $message = ($raw.Content | ConvertFrom-Json).error.message
        $message | Should -Not -BeNullOrEmpty
        Invoke-AdsumoRequest -Method GET -Path no/such/thing -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.NotFound,Adsumo.Commands.InvokeAdsumoRequestCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'no/such/thing'
        $failures[0].Exception.StatusCode | Should -Be 404
        $failures[0].Exception.ErrorCode | Should -Be 'not_found'
        $failures[0].ToString() | Should -Match ([regex]::Escape($message))
    }

    It 'refuses <Case> before sending anything' -ForEach @(
        @{ Case = 'a path that climbs out of the API'; Path = { '../../_files/x.png' } }
        @{ Case = 'a path that climbs out through a folder'; Path = { 'products/../../../_files/x.png' } }
        @{ Case = 'a URL to another host'; Path = { 'http://127.0.0.2:9/api/v1/products' } }
        @{ Case = 'a URL to another port of this host'; Path = { ([uri] $emulator.BaseUri).GetLeftPart('Scheme') + '127.0.0.1:1/api/v1/products' } }
        @{ Case = 'a URL to this host outside the API'; Path = { "$($emulator.Root)/_files/x.png" } }
    ) {
        $target = & $Path
        Clear-EmulatorRequest -Emulator $emulator
        { Invoke-AdsumoRequest -Method GET -Path $target } | Should -Throw -ErrorId 'Adsumo.InvalidPath,Adsumo.Commands.InvokeAdsumoRequestCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'refuses <Case> for a body before sending anything' -ForEach @(
        @{ Case = 'a string that is not JSON'; Body = '{"prompt": ' }
        @{ Case = 'a value JSON cannot carry'; Body = @{ prompt = [double]::NaN } }
    ) {
        Clear-EmulatorRequest -Emulator $emulator
        { Invoke-AdsumoRequest -Method POST -Path images/text-to-image -Body $Body } | Should -Throw -ErrorId 'Adsumo.InvalidBody,Adsumo.Commands.InvokeAdsumoRequestCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'sends nothing for a <Method> with -WhatIf' -ForEach @(
        @{ Method = 'POST' }, @{ Method = 'PUT' }, @{ Method = 'PATCH' }, @{ Method = 'DELETE' }
    ) {
        Clear-EmulatorRequest -Emulator $emulator
        Invoke-AdsumoRequest -Method $Method -Path images/text-to-image -Body @{ prompt = 'A bottle'; model = 'fast'; aspect_ratio = '1:1' } -WhatIf
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
        (Get-AdsumoCredit).Used | Should -Be 0
    }

    It 'retries a GET through 500s but never resends a POST after one' {
        Clear-EmulatorRequest -Emulator $emulator
        # Seed 1 draws three errors first, then successes: the GET gets through on its fourth attempt.
        Set-EmulatorFault -Emulator $emulator -Fault @{ error_rate = 0.5; seed = 1 }
        try { $page = Invoke-AdsumoRequest -Method GET -Path products }
        finally { Clear-EmulatorFault -Emulator $emulator }
        $page.pagination.total | Should -Be 0
        $gets = @(Get-EmulatorRequest -Emulator $emulator)
        ($gets.status | Where-Object { $_ -eq 500 }).Count | Should -BeGreaterThan 0
        $gets[-1].status | Should -Be 200

        Clear-EmulatorRequest -Emulator $emulator
        Set-EmulatorFault -Emulator $emulator -Fault @{ error_rate = 0.5; seed = 1; timing = 'after' }
        try {
            Invoke-AdsumoRequest -Method POST -Path images/text-to-image -Body @{ prompt = 'A bottle'; model = 'fast'; aspect_ratio = '1:1' } -ErrorVariable failures -ErrorAction SilentlyContinue
        }
        finally { Clear-EmulatorFault -Emulator $emulator }
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.ServerError,Adsumo.Commands.InvokeAdsumoRequestCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 1
        # The lost answer's generation exists, once.
        @(Get-AdsumoGeneration).Count | Should -Be 1
    }

    It 'says in -Verbose what it sends, but never the key' {
        $verbose = @(Invoke-AdsumoRequest -Method GET -Path products -Query @{ limit = 1 } -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] })
        $verbose.Count | Should -BeGreaterThan 0
        ($verbose.Message -join "`n") | Should -Match 'GET .*products'
        $secretPart = $team.Key.Substring('adsumo_sk_'.Length)
        foreach ($record in $verbose) {
            $record.Message | Should -Not -Match ([regex]::Escape($secretPart))
            $record.Message | Should -Not -Match 'Bearer'
        }
    }

    It 'never shows the key in -Verbose or in the error of a failing request' {
        $secretPart = $team.Key.Substring('adsumo_sk_'.Length)
        $all = @(Invoke-AdsumoRequest -Method POST -Path videos/no-such-endpoint -Body @{ a = 1 } -Verbose -ErrorAction Continue 4>&1 2>&1)
        @($all | Where-Object { $_ -is [Management.Automation.ErrorRecord] }).Count | Should -Be 1
        @($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        foreach ($item in $all) {
            $item.ToString() | Should -Not -Match ([regex]::Escape($secretPart))
        }
    }
}
