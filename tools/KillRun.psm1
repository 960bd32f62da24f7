# The kill test of resumable batches, shared by the Pester suite (tests/Pester/Batches.Tests.ps1) and the bench
# (bench/Invoke-BatchBenchmarks.ps1): a child pwsh runs a nightly runbook as a user would write it, the emulator
# injects faults, and the child is killed without warning at random points and started again until it ends. What
# the emulator, the files and the journal hold afterwards is compared with the rows, independently of the module:
# prices come from the published table below, generations are matched to rows by prompt.

Import-Module (Join-Path $PSScriptRoot 'Processes.psm1')

# The published image prices (credits per image, times quantity), as the docs state them.
$script:ImagePrices = @{ 'fast/1k' = 1; 'fast/2k' = 2; 'fast/4k' = 2; 'pro/1k' = 2; 'pro/2k' = 2; 'pro/4k' = 4 }

# The runbook, as a user would write it: the key from the environment, the rows from a CSV, one pipeline.
$script:Runbook = @'
param([string] $ModulePath, [string] $BaseUri, [string] $Work, [double] $PollSeconds)
$ErrorActionPreference = 'Continue'
Import-Module $ModulePath
Connect-Adsumo -BaseUri $BaseUri -MaxRetries 20 -RetryBaseDelaySeconds 0.01 `
    -ReconcileSettleSeconds 0.5 -ReconcileLostSettleSeconds 1 -MaxResends 10
Set-Location $Work
Import-Csv ./rows.csv |
    New-AdsumoImage -AspectRatio 1:1 -Journal ./nightly.jsonl -Wait -PollIntervalSeconds $PollSeconds |
    Save-AdsumoGeneration -Path ./ads -SkipExisting |
    Out-Null
'@

function New-KillRunRows {
    <# Rows with distinct prompts and a mix of models, resolutions and quantities, each with its published price. #>
    param([int] $Count, [int] $Seed)
    $random = [Random]::new($Seed)
    foreach ($i in 1..$Count) {
        $model = @('fast', 'pro')[$random.Next(2)]
        $resolution = @('1k', '2k', '4k')[$random.Next(3)]
        $quantity = 1 + $random.Next(3)
        [pscustomobject]@{
            Prompt     = "Nightly row $i of seed ${Seed}: a bottle on a rock, take $($random.Next(1000000))"
            Model      = $model
            Resolution = $resolution
            Quantity   = $quantity
            Price      = $script:ImagePrices["$model/$resolution"] * $quantity
        }
    }
}

function Get-KillRunProgress {
    <# How far the batch got, as a fraction: rows submitted (capped) and files saved, each half of the work. #>
    param($State, $Emulator, [int] $Rows, [string] $Folder)
    $new = @((Invoke-RestMethod "$($Emulator.Root)/_emulator/requests?since=$($State.Seq)").data)
    foreach ($request in $new) {
        $State.Seq = [math]::Max($State.Seq, [long] $request.seq)
        if ($request.method -eq 'POST' -and $request.path -like '*/images/text-to-image') { $State.Posts++ }
    }
    $saved = if (Test-Path $Folder) { @(Get-ChildItem $Folder -Filter *.png).Count } else { 0 }
    ([math]::Min($State.Posts, $Rows) + $saved) / (2.0 * $Rows)
}

function Invoke-KillRun {
    <#
    Runs the runbook over $Rows rows under faults, killing it $Kills times at random points (drawn from $Seed) and
    starting it again until it ends; returns what was found. The emulator must have been started by the caller and
    is left with its faults cleared.
    #>
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $ModulePath,
        [Parameter(Mandatory)] [int] $Rows,
        [int] $Kills = 3,
        [int] $Seed = 1,
        [int] $ResultBytes = 4096,
        [double] $TimeoutSeconds = 900,
        [string] $Work = (Join-Path ([IO.Path]::GetTempPath()) ("adsumo-killrun-" + [guid]::NewGuid().ToString('N')))
    )
    $null = New-Item -ItemType Directory -Force $Work
    $ads = Join-Path $Work 'ads'
    $key = 'adsumo_sk_killrun_' + [guid]::NewGuid().ToString('N')
    $rowsData = @(New-KillRunRows -Count $Rows -Seed $Seed)
    $rowsData | Select-Object Prompt, Model, Resolution, Quantity | Export-Csv (Join-Path $Work 'rows.csv') -NoTypeInformation
    $runbook = Join-Path $Work 'runbook.ps1'
    Set-Content $runbook $script:Runbook

    $control = "$($Emulator.Root)/_emulator"
    $json = 'application/json'
    $null = Invoke-RestMethod -Method Put "$control/settings" -ContentType $json -Body (@{ credits = 1000000000; generation_seconds = 0.3; result_bytes = $ResultBytes } | ConvertTo-Json)
    # The log's sequence numbers go on across a clear, so 'since 0' is this run's requests from here on.
    $null = Invoke-RestMethod -Method Delete "$control/requests"
    $firstSeq = 0
    $faults = @{ error_rate = 0.2; reset_rate = 0.05; rate_limit_rate = 0.1; retry_after_seconds = 0; timing = 'mixed'; seed = $Seed }
    $null = Invoke-RestMethod -Method Put "$control/faults" -ContentType $json -Body ($faults | ConvertTo-Json)

    $random = [Random]::new($Seed)
    $killAt = @(1..$Kills | ForEach-Object { 0.05 + 0.8 * $random.NextDouble() } | Sort-Object)
    $progress = @{ Seq = $firstSeq; Posts = 0 }
    $command = @(Get-PwshCommand)
    $runs = [Collections.Generic.List[object]]::new()
    $killed = 0
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $saved = [Environment]::GetEnvironmentVariable('ADSUMO_API_KEY')
    [Environment]::SetEnvironmentVariable('ADSUMO_API_KEY', $key)
    try {
        for ($run = 1; ; $run++) {
            $arguments = @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $runbook,
                '-ModulePath', $ModulePath, '-BaseUri', $Emulator.BaseUri, '-Work', $Work, '-PollSeconds', '0.2')
            $process = Start-Process -FilePath $command[0] -ArgumentList $arguments -PassThru -NoNewWindow `
                -RedirectStandardOutput (Join-Path $Work "run$run.out.txt") -RedirectStandardError (Join-Path $Work "run$run.err.txt")
            $target = if ($killed -lt $Kills) { $killAt[$killed] } else { $null }
            $fraction = 0.0
            while (-not $process.HasExited) {
                if ($watch.Elapsed.TotalSeconds -gt $TimeoutSeconds) { $process.Kill($true); throw "The kill run did not end within $TimeoutSeconds s." }
                $fraction = Get-KillRunProgress -State $progress -Emulator $Emulator -Rows $Rows -Folder $ads
                if ($null -ne $target -and $fraction -ge $target) {
                    # Without warning: no Ctrl+C, no clean-up, as when a sandbox is recycled.
                    $process.Kill()
                    $process.WaitForExit()
                    $killed++
                    break
                }
                Start-Sleep -Milliseconds 100
            }
            $process.WaitForExit()
            $runs.Add([pscustomobject]@{ Run = $run; Killed = ($null -ne $target -and $fraction -ge $target); At = [math]::Round($fraction, 3); ExitCode = $process.ExitCode })
            if (-not $runs[-1].Killed) { break }
        }
    }
    finally {
        [Environment]::SetEnvironmentVariable('ADSUMO_API_KEY', $saved)
        $null = Invoke-RestMethod -Method Delete "$control/faults"
    }
    $seconds = $watch.Elapsed.TotalSeconds

    # What the emulator saw: every request since the run began, with the faults it injected.
    $requests = @((Invoke-RestMethod "$control/requests?since=$firstSeq").data)
    $faultCounts = [ordered]@{ error = 0; rate_limit = 0; reset = 0 }
    foreach ($request in $requests) { if ($request.fault) { $faultCounts[$request.fault]++ } }

    # What the team holds, read without the module: every generation, by id, for its prompt.
    $headers = @{ Authorization = "Bearer $key" }
    $listed = [Collections.Generic.List[object]]::new()
    for ($offset = 0; ; $offset += 100) {
        $page = Invoke-RestMethod "$($Emulator.BaseUri)/generations?limit=100&offset=$offset" -Headers $headers
        $listed.AddRange(@($page.data))
        if (@($page.data).Count -lt 100) { break }
    }
    $promptOf = @{}
    foreach ($generation in $listed) { $promptOf[$generation.id] = (Invoke-RestMethod "$($Emulator.BaseUri)/generations/$($generation.id)" -Headers $headers).details.prompt }
    $byPrompt = $promptOf.GetEnumerator() | Group-Object Value -AsHashTable -AsString
    if (-not $byPrompt) { $byPrompt = @{} }
    $lost = @($rowsData | Where-Object { -not $byPrompt.ContainsKey($_.Prompt) }).Count
    $duplicated = 0
    foreach ($prompt in $byPrompt.Keys) { $duplicated += $byPrompt[$prompt].Count - 1 }
    $strangers = @($byPrompt.Keys | Where-Object { $_ -notin $rowsData.Prompt }).Count
    $credits = Invoke-RestMethod "$($Emulator.BaseUri)/account/credits" -Headers $headers

    # The files: one per row, whole, and no temporary file left behind.
    $files = @(if (Test-Path $ads) { Get-ChildItem $ads -Filter *.png })
    $png = [byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
    $whole = @($files | Where-Object {
            $stream = [IO.File]::OpenRead($_.FullName)
            try { $head = [byte[]]::new(8); $null = $stream.Read($head, 0, 8) } finally { $stream.Dispose() }
            $_.Length -eq $ResultBytes -and [Linq.Enumerable]::SequenceEqual($head, $png)
        }).Count
    $fileIds = @($files | ForEach-Object { $_.BaseName -replace '^image-', '' })
    $filesMatchGenerations = (@($fileIds | Sort-Object) -join ',') -eq (@($promptOf.Keys | Sort-Object) -join ',')
    $temporary = @(if (Test-Path $ads) { Get-ChildItem $ads -Force -Filter '*.partial' }).Count

    # The journal, read raw: which submissions were in flight when a run was killed, and what became of them.
    $records = @(Get-Content (Join-Path $Work 'nightly.jsonl') | Select-Object -Skip 1 | Where-Object { $_ } | ConvertFrom-Json)
    $open = @{}
    $inDoubt = @{}
    $opened = 0
    $found = 0
    $resent = 0
    foreach ($record in $records) {
        switch ($record.op) {
            'opened' {
                $opened++
                if ($opened -gt 1) { foreach ($key in $open.Keys) { $inDoubt[$key] = $true } }
            }
            'intent' { $open[$record.key] = $true }
            'submitted' {
                $open.Remove($record.key)
                if ($inDoubt.ContainsKey($record.key)) {
                    if ($record.how -eq 'adopted') { $found++ } else { $resent++ }
                    $inDoubt.Remove($record.key)
                }
            }
            'not_created' { $open.Remove($record.key) }
        }
    }
    $errors = @(Get-ChildItem $Work -Filter 'run*.err.txt' | Get-Content | Where-Object { $_ })

    [pscustomobject]@{
        Rows                 = $Rows
        Seed                 = $Seed
        Kills                = $killed
        Runs                 = $runs.ToArray()
        Seconds              = [math]::Round($seconds, 1)
        Requests             = $requests.Count
        Faults               = $faultCounts
        Generations          = $listed.Count
        Lost                 = $lost
        Duplicated           = $duplicated + $strangers
        CreditsUsed          = [long] $credits.credits_used
        CreditsExpected      = [long] ($rowsData | Measure-Object Price -Sum).Sum
        FilesSaved           = $files.Count
        FilesWhole           = $whole
        FilesMatchGenerations = $filesMatchGenerations
        TemporaryFiles       = $temporary
        InDoubtAtRestart     = $found + $resent + $inDoubt.Count
        InDoubtFound         = $found
        InDoubtResent        = $resent
        InDoubtUnresolved    = $inDoubt.Count
        Journal              = Join-Path $Work 'nightly.jsonl'
        LastRunErrors        = @(Get-Content (Join-Path $Work "run$($runs.Count).err.txt") | Where-Object { $_ })
        Errors               = $errors
        Work                 = $Work
    }
}

Export-ModuleMember -Function Invoke-KillRun, New-KillRunRows
