<#
.SYNOPSIS
    A tour of the Adsumo module: connect, check credits, create products and an avatar, make ads, wait for them,
    save the files and see what they cost.
.DESCRIPTION
    `build.ps1 -Task Demo` runs this against the local emulator. Against the real service, pass your key and no
    base URI (it costs real credits):
        ./examples/Quickstart.ps1 -ApiKey (Read-Host -AsSecureString) -BaseUri https://www.adsumo.ai/api/v1
.PARAMETER BaseUri
    The API's base URI; the emulator's when run by build.ps1.
.PARAMETER ApiKey
    The key; a fresh emulator team's by default, so every run starts from a full balance.
.PARAMETER OutputFolder
    Where the files are saved.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [uri] $BaseUri,
    [object] $ApiKey = "adsumo_sk_demo_$([guid]::NewGuid().ToString('N').Substring(0, 12))",
    [string] $OutputFolder = (Join-Path $PSScriptRoot '../out/demo')
)

$ErrorActionPreference = 'Stop'
$modulePath = Join-Path $PSScriptRoot '../out/Adsumo/Adsumo.psd1'
if (-not (Get-Module Adsumo)) { Import-Module $modulePath }

function Write-Step([string] $Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }

Write-Step "Connect to $BaseUri"
$connection = Connect-Adsumo -ApiKey $ApiKey -BaseUri $BaseUri -PassThru
$connection | Format-Table BaseUri, ApiKey, Source | Out-Host
$before = Get-AdsumoCredit
$before | Format-Table | Out-Host

Write-Step 'Create two products and a custom avatar'
$products = @(
    New-AdsumoProduct -Name 'Trail Bottle' -Description 'Insulated steel bottle, 750 ml' -Category Outdoor `
        -ImageUrl 'https://example.com/images/trail-bottle.png' -Price 29.99 -Link 'https://example.com/trail-bottle'
    New-AdsumoProduct -Name 'Summit Mug' -Description 'Enamel camping mug' -Category Outdoor `
        -ImageUrl 'https://example.com/images/summit-mug.png' -Price 14.5 -Currency EUR
)
$avatar = New-AdsumoAvatar -Name 'Ava from Sales' -ImageUrl 'https://example.com/images/ava.jpg' -Description 'Friendly presenter'
Get-AdsumoProduct | Format-Table | Out-Host
Get-AdsumoAvatar -Type Custom | Format-Table | Out-Host

Write-Step 'Pick a platform avatar and a voice'
$presenter = Get-AdsumoAvatar -Type Platform -Gender female -AgeGroup young_adult | Select-Object -First 1
$voice = Get-AdsumoVoice -Gender female -Accent american -First 1
"Platform avatar: $($presenter.Name) ($($presenter.Id))" | Out-Host
"Voice: $($voice.Name) ($($voice.Id), $($voice.Accent), $($voice.Style))" | Out-Host

Write-Step 'What would it cost? (-WhatIf sends nothing)'
New-AdsumoAIVideo -Prompt 'The Trail Bottle on a summit at dawn' -Model veo-3.1-fast -AspectRatio 9:16 -Duration 6 -WhatIf

Write-Step 'Start the ads'
$script = 'Meet the Trail Bottle: ice cold for 24 hours, from the trailhead to the summit.'
$generations = @(
    $products | New-AdsumoProductShot -StyleId lifestyle-outdoor -Model fast -AspectRatio 1:1
    New-AdsumoTalkingAvatarVideo -AvatarId $avatar.Id -AvatarType Custom -Script $script -VoiceId $voice.Id
    $presenter | New-AdsumoTalkingAvatarVideo -Script $script -VoiceId $voice.Id -MaxCredits 40
    New-AdsumoAIVideo -Prompt 'The Trail Bottle on a summit at dawn' -Model veo-3.1-fast -AspectRatio 9:16 -Duration 6
    New-AdsumoImage -Prompt 'A steel bottle on a mossy rock, morning light' -Model pro -AspectRatio 4:5 -Quantity 2 -Resolution 2k
)
$generations | Format-Table Id, Type, Status, EstimatedCredits | Out-Host

Write-Step "Wait for all of them at once, and save each file as it completes to $OutputFolder"
$null = New-Item -ItemType Directory -Force -Path $OutputFolder
$started = [Diagnostics.Stopwatch]::StartNew()
$files = $generations | Wait-AdsumoGeneration -PollIntervalSeconds 0.5 -TimeoutSeconds 120 | Save-AdsumoGeneration -Path $OutputFolder
$files | Format-Table Name, Length, LastWriteTime | Out-Host
"$(@($files).Count) files in $([math]::Round($started.Elapsed.TotalSeconds, 1)) s" | Out-Host

Write-Step 'Credits spent'
$after = Get-AdsumoCredit
[pscustomobject]@{
    Before    = $before.Remaining
    After     = $after.Remaining
    Spent     = $before.Remaining - $after.Remaining
    Estimated = [int]($generations | Measure-Object EstimatedCredits -Sum).Sum
} | Format-Table | Out-Host

if (@($files).Count -ne $generations.Count) { throw "Expected $($generations.Count) files, got $(@($files).Count)." }
Write-Host 'Done.' -ForegroundColor Green
