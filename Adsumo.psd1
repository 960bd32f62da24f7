# ModuleVersion and PrivateData.PSData.ReleaseNotes come from the build, which stamps the module's copy of this file
# with the one version in Directory.Build.props and the latest entry of CHANGELOG.md.
@{
    RootModule           = 'Adsumo.dll'
    GUID                 = '6f0f3d1e-2b6a-4c59-9f55-3a8c2d7e4b10'
    Author               = 'Adsumo for PowerShell contributors'
    CompanyName          = 'Adsumo for PowerShell'
    Copyright            = '(c) 2026 Adsumo for PowerShell contributors. MIT License (the LICENSE file beside this manifest).'
    Description          = 'Drive the Adsumo API (AI ad creatives: talking-avatar videos, AI videos, product images, voiceovers) from PowerShell, with a local emulator of the API. Tested on PowerShell 7.6; also built for Windows PowerShell 5.1, where it is not tested.'
    # Windows PowerShell 5.1 is what the code is built for (netstandard2.0, a loader for 5.1), not what the tests run:
    # the description and about_Adsumo say so, until a test on 5.1 proves it.
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
