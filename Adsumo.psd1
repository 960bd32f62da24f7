@{
    RootModule           = 'Adsumo.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0f3d1e-2b6a-4c59-9f55-3a8c2d7e4b10'
    Author               = 'Adsumo for PowerShell'
    CompanyName          = 'Adsumo for PowerShell'
    Copyright            = '(c) Adsumo for PowerShell. MIT License.'
    Description          = 'Drive the Adsumo API (AI ad creatives: talking-avatar videos, AI videos, product images, voiceovers) from PowerShell, with a local emulator of the API.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    # The models load first, in the default context, so that [Adsumo.Product] resolves by name in every session.
    RequiredAssemblies   = @('Adsumo.Models.dll')
    FormatsToProcess     = @('Adsumo.Format.ps1xml')
    # Listed explicitly so that PowerShell does not scan the assembly to learn them: a faster import.
    CmdletsToExport      = @(
        'Connect-Adsumo'
        'Disconnect-Adsumo'
        'Get-AdsumoConnection'
        'Get-AdsumoCredit'
        'Get-AdsumoProduct'
        'New-AdsumoProduct'
        'Remove-AdsumoProduct'
        'Get-AdsumoAvatar'
        'New-AdsumoAvatar'
        'Remove-AdsumoAvatar'
        'Get-AdsumoGeneration'
        'Wait-AdsumoGeneration'
        'Save-AdsumoGeneration'
        'Get-AdsumoJournal'
        'New-AdsumoTalkingAvatarVideo'
        'New-AdsumoAIVideo'
        'New-AdsumoImage'
        'New-AdsumoProductShot'
        'Get-AdsumoVoice'
        'New-AdsumoVoiceover'
        'Test-AdsumoWebhookSignature'
        'ConvertFrom-AdsumoWebhook'
        'Invoke-AdsumoRequest'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Adsumo', 'AI', 'Ads', 'Video', 'Images', 'Marketing', 'PSEdition_Core', 'PSEdition_Desktop')
            ProjectUri = 'https://www.adsumo.ai'
        }
    }
}
