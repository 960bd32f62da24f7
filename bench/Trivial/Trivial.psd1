@{
    RootModule        = 'Trivial.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '2d7f0a52-6c8e-4f0e-9d4b-3a1f5c7e9b10'
    Author            = 'Adsumo for PowerShell'
    Description       = 'The smallest binary module, as the floor of the cold-start benchmark.'
    PowerShellVersion = '7.4'
    FormatsToProcess  = @('Trivial.Format.ps1xml')
    CmdletsToExport   = @('Get-TrivialItem')
    FunctionsToExport = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
