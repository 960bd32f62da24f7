<#
The prelude of every help example: HelpExamples.Tests.ps1 dot-sources it in the example's own runspace, in an empty
folder of its own, before the example's code. It connects to the test's emulator as a new team and defines the
sample variables that examples use, as about_Adsumo's EXAMPLES section describes them to users.

To let an example use another sample variable, add it to $samples below (and to that section of about_Adsumo); to
give it a file, add it to $files. Everything else the examples do runs as written.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $Key
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

# Where the examples' connections go: the test's emulator, never the real service. Connect-Adsumo without -BaseUri,
# and every cmdlet without a connection, read it.
$env:ADSUMO_BASE_URI = $BaseUri
Connect-Adsumo -ApiKey $Key

# A person answering prompts: Read-Host -AsSecureString gets the team's key typed in, and every confirmation a Yes.
function Read-Host {
    param([Parameter(Position = 0)] $Prompt, [switch] $AsSecureString)
    if ($AsSecureString) { ConvertTo-SecureString $Key -AsPlainText -Force } else { 'y' }
}
$ConfirmPreference = 'None'

# Azure Automation's asset cmdlets, which exist only in a runbook there: the key is stored as a credential and the
# webhook secret as a variable.
$webhookSecret = 'whsec_examples_' + [guid]::NewGuid().ToString('N')
function Get-AutomationPSCredential {
    param([Parameter(Mandatory)] [string] $Name)
    [pscredential]::new('adsumo', (ConvertTo-SecureString $Key -AsPlainText -Force))
}
function Get-AutomationVariable {
    param([Parameter(Mandatory)] [string] $Name)
    $webhookSecret
}

$completed = New-AdsumoAIVideo -Prompt 'A bottle on a summit' -Model veo-3.1-fast -Duration 5 -Wait -PollIntervalSeconds 0.1
$webhookBody = [ordered]@{
    event = 'generation.completed'; generation_id = $completed.Id; type = $completed.Type; status = 'completed'
    result_url = "$($completed.ResultUrl)"; created_at = $completed.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
    completed_at = $completed.CompletedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
} | ConvertTo-Json -Compress
$hmac = [Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($webhookSecret))
$webhookSignature = [Convert]::ToHexString($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes($webhookBody))).ToLowerInvariant()
$hmac.Dispose()
$env:ADSUMO_WEBHOOK_SECRET = $webhookSecret

# The sample variables, by name: what examples may assume exists.
$samples = [ordered]@{
    key         = $Key                                                     # an API key (a string)
    product     = New-AdsumoProduct -Name 'Trail Bottle' -Description 'Insulated, 750 ml' -Category Outdoor `
        -ImageUrl https://example.com/bottle.png -Price 29.99             # a product of the team
    avatar      = New-AdsumoAvatar -Name 'Ava from Sales' -ImageUrl https://example.com/ava.jpg   # a custom avatar
    voice       = Get-AdsumoVoice -Gender female -Accent american -First 1  # a voice
    generation  = $completed                                               # a completed generation (an AI video)
    script      = 'Meet the Trail Bottle: cold for 24 hours.'              # a script to speak
    body        = $webhookBody                                             # a webhook request's raw body
    sig         = $webhookSignature                                        # its X-Adsumo-Signature header
    secret      = $webhookSecret                                           # the webhook secret
    # A webhook request as Azure Automation hands it to a runbook, and as Azure Functions does.
    # generations started and still being made
    generations = @(New-AdsumoImage -Prompt 'A red bottle' -Model fast -AspectRatio 1:1) + @(New-AdsumoImage -Prompt 'A blue bottle' -Model fast -AspectRatio 1:1)
    WebhookData = [pscustomobject]@{ RequestBody = $webhookBody; RequestHeader = [pscustomobject]@{ 'X-Adsumo-Signature' = $webhookSignature } }
    Request     = [pscustomobject]@{ RawBody = $webhookBody; Headers = @{ 'X-Adsumo-Signature' = $webhookSignature } }
}
foreach ($name in $samples.Keys) { Set-Variable -Name $name -Value $samples[$name] }

# The files examples read, in the example's folder: products to import (with the id and SKU of one of the team's
# products, for product shots), rows of prompts for a nightly batch, and that batch's journal after a run.
$files = [ordered]@{
    'products.csv' = "Name,Description,Category,ImageUrl,Price,ProductId,Sku`nTrail Mug,Enamel 350 ml,Outdoor,https://example.com/mug.png,12.50,$($product.Id),MUG-350`nCamp Stool,Folding,Outdoor,https://example.com/stool.png,24,$($product.Id),STOOL-1"
    'rows.csv'     = "Prompt,Model`nA red bottle on a ridge,fast`nA blue bottle by a lake,pro"
    'ids.txt'      = $completed.Id
}
foreach ($name in $files.Keys) { Set-Content -Path $name -Value $files[$name] }
$null = Import-Csv rows.csv | New-AdsumoImage -AspectRatio 1:1 -Journal ./nightly.jsonl -Wait -PollIntervalSeconds 0.1

Remove-Variable -Name samples, files, completed, hmac, name
$ErrorActionPreference = 'Continue'
