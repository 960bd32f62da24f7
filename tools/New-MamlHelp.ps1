<#
.SYNOPSIS
    Writes the MAML help of the Adsumo binary module (en-US/Adsumo.dll-Help.xml) from its code and doc comments.
.DESCRIPTION
    The words come from the compiler's XML documentation: a cmdlet class's <summary> is the synopsis, its <remarks>
    the description, each <example> a <code> and <para>s, each parameter property's <summary> its description.
    The rest (parameter sets, types, positions, pipeline input, aliases, ValidateSet values, defaults, output types)
    comes from the imported module, so the help cannot drift from the code. Missing words fail the run, every gap
    listed. It imports the module, which cannot be unloaded again: run it in a child pwsh.
.PARAMETER ModulePath
    The built module's manifest (out/Adsumo/Adsumo.psd1).
.PARAMETER XmlDocPath
    The XML documentation files: the module's (Adsumo.xml), and the models' (Adsumo.Models.xml), whose type summaries
    describe the outputs. Under pwsh -File, pass them as one comma-separated string.
.PARAMETER OutputPath
    The MAML file to write.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string[]] $XmlDocPath,
    [Parameter(Mandatory)] [string] $OutputPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = Import-Module (Resolve-Path $ModulePath).Path -Force -PassThru
$commands = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)
$docs = @{}
foreach ($path in $XmlDocPath -split ',') {
    $file = [xml]::new()
    $file.PreserveWhitespace = $true  # else '<c>a</c> <c>b</c>' reads 'ab'
    $file.Load((Resolve-Path $path).Path)
    foreach ($member in $file.SelectNodes('/doc/members/member')) { $docs[$member.GetAttribute('name')] = $member }
}
function Get-DocName([type] $type) { $type.FullName -replace '\+', '.' }  # nested types are Outer.Inner in the XML
$cmdletOf = @{}
foreach ($command in $commands) { $cmdletOf[(Get-DocName $command.ImplementingType)] = $command.Name }
$skipped = [Management.Automation.Cmdlet]::CommonParameters + 'UseTransaction'
# Get-Help lists WhatIf and Confirm only when the MAML has them. PowerShell declares these parameters itself
# (SupportsShouldProcess), so no doc comment of ours can describe them. (The list cmdlets declare -First, -Skip and
# -IncludeTotalCount themselves, in AdsumoListCmdlet, rather than through SupportsPaging.)
$frameworkText = @{
    WhatIf  = 'Shows what would happen if the cmdlet ran. The cmdlet does not run.'
    Confirm = 'Asks for confirmation before running the cmdlet.'
}

function ConvertFrom-Inline($node) {
    # Crefs read as users know them: a cmdlet class as its name, its property as -Parameter, else Type or Type.Member.
    if ($node -isnot [Xml.XmlElement]) { return $node.Value }
    if ($node.LocalName -notin 'see', 'seealso', 'paramref') { return -join @($node.ChildNodes.ForEach({ ConvertFrom-Inline $_ })) }
    $href = $node.GetAttribute('href')
    if ($node.InnerText.Trim()) { return $node.InnerText + ($href ? " ($href)" : '') }
    if ($href) { return $href }
    if ($node.LocalName -eq 'paramref') { return '-' + $node.GetAttribute('name') }
    if ($node.HasAttribute('langword')) { return ($node.GetAttribute('langword') -replace '^(null|true|false)$', '$$$1') }
    $kind, $name = $node.GetAttribute('cref') -split ':', 2
    $name = $name -replace '\(.*$' -replace '`+\d+'  # no method arguments, no generic arity
    if ($kind -in 'T', '!' -or $name -notmatch '^(.+)\.([^.]+)$') { return $cmdletOf[$name] ?? $name }
    if ($kind -eq 'P' -and $cmdletOf[$Matches[1]]) { return "-$($Matches[2])" }
    "$($Matches[1] -replace '^.*\.').$($Matches[2])"
}

function Format-Code([string] $text) {
    # Drops the doc comment's indentation but keeps the code's own.
    $lines = @(@(($text -replace '\r' -replace '^\s*\n|\n\s*$') -split '\n').TrimEnd())
    $indent = ($lines.Where({ $_ }).ForEach({ $_.Length - $_.TrimStart().Length }) | Measure-Object -Minimum).Minimum
    $lines.ForEach({ $_.Length -ge $indent ? $_.Substring($indent) : '' }) -join "`n"
}

function Get-Paragraphs($node) {
    # Loose text makes one paragraph, with its line breaks undone; each <para>, <code> or list <item> makes its own.
    $paragraphs = [Collections.Generic.List[string]]::new()
    $loose = [Text.StringBuilder]::new()
    $flush = {
        if ($loose.ToString().Trim()) { $paragraphs.Add(($loose.ToString() -replace '\s+', ' ').Trim()) }
        $null = $loose.Clear()
    }
    foreach ($n in @(if ($node) { $node.ChildNodes })) {
        if ($n.LocalName -eq 'para') { & $flush; @(Get-Paragraphs $n).ForEach({ $paragraphs.Add($_) }) }
        elseif ($n.LocalName -eq 'code') { & $flush; $paragraphs.Add((Format-Code $n.InnerText)) }
        elseif ($n.LocalName -eq 'list') {
            & $flush
            foreach ($item in $n.SelectNodes('item')) {  # '- term: description'
                $parts = @($item.ChildNodes).ForEach({ (ConvertFrom-Inline $_) -replace '\s+', ' ' }).Where({ $_.Trim() })
                $paragraphs.Add('- ' + ($parts.Trim() -join ': '))
            }
        }
        else { $null = $loose.Append((ConvertFrom-Inline $n)) }
    }
    & $flush
    $paragraphs
}

function Get-Example($example) {
    # The <code>s are the command; the rest of the <example> says what it does.
    $rest = $example.CloneNode($true)
    $codes = @($rest.SelectNodes('code'))
    $codes.ForEach({ $null = $rest.RemoveChild($_) })
    [pscustomobject]@{ Code = $codes.ForEach({ Format-Code $_.InnerText }) -join "`n"; Remarks = @(Get-Paragraphs $rest) }
}

function Get-Default($instance, $property, [type] $type) {
    # A fresh cmdlet holds the C# initializers, which are the defaults. Only plain values show: an object (an empty
    # SecureString) says nothing as text, and null or empty is None.
    $value = $instance -and $property ? $property.GetValue($instance) : $null
    if ($type -eq [Management.Automation.SwitchParameter]) { return "$([bool]$value)" }
    $plain = @($value).Where({ $_ -is [string] -or $_ -is [ValueType] -or $_ -is [uri] })
    $text = $plain.ForEach({ [Convert]::ToString($_, [cultureinfo]::InvariantCulture) }) -join ', '
    $text ? $text : 'None'
}

$ns = [ordered]@{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$help = [xml]::new()
$null = $help.AppendChild($help.CreateXmlDeclaration('1.0', 'utf-8', $null))
$root = $help.AppendChild($help.CreateElement('helpItems', 'http://msh'))
$root.SetAttribute('schema', 'maml')
foreach ($prefix in $ns.Keys) { $root.SetAttribute("xmlns:$prefix", $ns[$prefix]) }

function Add-Node($parent, [string] $name, [string] $text, [Collections.IDictionary] $attributes = @{}) {
    # $attributes: [ordered], as a hashtable's order changes from run to run, and so would the file.
    $node = $parent.AppendChild($help.CreateElement($name, $ns[$name.Split(':')[0]]))
    foreach ($key in $attributes.Keys) { $node.SetAttribute($key, [string] $attributes[$key]) }
    if ($text) { $node.InnerText = $text }
    $node
}

function Add-Description($parent, [string[]] $paragraphs) {
    $description = Add-Node $parent 'maml:description'
    foreach ($paragraph in $paragraphs) { $null = Add-Node $description 'maml:para' $paragraph }
}

function Add-TypeEntry($parent, [string] $kind, [string] $typeName, [string[]] $paragraphs) {
    $node = Add-Node $parent "command:$kind"
    $null = Add-Node (Add-Node $node 'dev:type') 'maml:name' $typeName
    Add-Description $node $paragraphs
}

function Add-Parameter($parent, $parameter, [object[]] $sets, [string[]] $description, [string] $default) {
    # $sets: how the parameter binds. A syntax item has its one CommandParameterInfo; the parameter list has the
    # ParameterSetMetadata of every set, but room for one value: required, positional or piped in any set.
    $type = [Nullable]::GetUnderlyingType($parameter.ParameterType) ?? $parameter.ParameterType
    $positions = @($sets.Position).Where({ $_ -ge 0 })
    $ways = @(
        if ($sets.ValueFromPipeline -contains $true) { 'ByValue' }
        if ($sets.ValueFromPipelineByPropertyName -contains $true) { 'ByPropertyName' }
    )
    $wildcards = $parameter.Attributes.Where({ $_ -is [Management.Automation.SupportsWildcardsAttribute] })
    $node = Add-Node $parent 'command:parameter' -attributes ([ordered]@{
            required       = "$($sets.IsMandatory -contains $true)".ToLower()
            variableLength = 'true'
            globbing       = "$($wildcards.Count -gt 0)".ToLower()
            pipelineInput  = $ways ? "True ($($ways -join ', '))" : 'False'
            position       = $positions.Count ? $positions[0] : 'named'
            aliases        = $parameter.Aliases.Count ? $parameter.Aliases -join ', ' : 'none'
        })
    $null = Add-Node $node 'maml:name' $parameter.Name
    if ($description) { Add-Description $node $description }
    # A switch has no value, so that help shows [-PassThru], not [-PassThru <SwitchParameter>].
    if ($type -ne [Management.Automation.SwitchParameter]) {
        $value = [ordered]@{ required = 'true'; variableLength = "$($type.IsArray)".ToLower() }
        $null = Add-Node $node 'command:parameterValue' $type.Name $value
    }
    foreach ($validSet in $parameter.Attributes.Where({ $_ -is [Management.Automation.ValidateSetAttribute] })) {
        $group = Add-Node $node 'command:parameterValueGroup'
        foreach ($value in $validSet.ValidValues) {
            $null = Add-Node $group 'command:parameterValue' $value ([ordered]@{ required = 'false'; variableLength = 'false' })
        }
    }
    $null = Add-Node (Add-Node $node 'dev:type') 'maml:name' $type.FullName
    $null = Add-Node $node 'dev:defaultValue' $default
}

# What is missing, keyed by the doc comment to write, with the cmdlets it leaves bare: a base class's gap once.
$gaps = [ordered]@{}
function Add-Gap([string] $what, [string] $command) { $gaps[$what] = @($gaps[$what]).Where({ $_ }) + $command }

foreach ($command in $commands) {
    $type = $command.ImplementingType
    $doc = $docs["T:$(Get-DocName $type)"]
    $synopsis = @(if ($doc) { Get-Paragraphs $doc['summary'] })
    $description = @(if ($doc) { Get-Paragraphs $doc['remarks'] })
    $examples = @(if ($doc) { $doc.SelectNodes('example').ForEach({ Get-Example $_ }) })
    if (-not $synopsis) { Add-Gap "${type}: no <summary> (the synopsis)" $command }
    if (-not $description) { Add-Gap "${type}: no <remarks> (the description)" $command }
    if ($examples.Count -lt 2) { Add-Gap "${type}: $($examples.Count) <example>(s), at least 2 needed" $command }
    if ($examples.Where({ -not $_.Code.Trim() -or -not $_.Remarks })) {
        Add-Gap "${type}: an <example> without its <code> or a <para> saying what it does" $command
    }

    $parameters = @($command.Parameters.Values.Where({ $_.Name -notin $skipped }) | Sort-Object Name)
    $instance = try { [Activator]::CreateInstance($type) } catch { $null }
    $texts = @{}
    $defaults = @{}
    foreach ($parameter in $parameters) {
        # An inherited parameter (-Connection, -Id, -InputObject) is documented on the class that declares it.
        $property = $null
        for ($t = $type; $t -and -not $property; $t = $t.BaseType) {
            $property = $t.GetProperty($parameter.Name, [Reflection.BindingFlags]'Public, Instance, DeclaredOnly')
        }
        $member = $property ? $docs["P:$(Get-DocName $property.DeclaringType).$($parameter.Name)"] : $null
        $text = if ($member) { Get-Paragraphs $member['summary'] } elseif (-not $property) { $frameworkText[$parameter.Name] }
        $texts[$parameter.Name] = @($text).Where({ $_ })
        if (-not $texts[$parameter.Name]) {
            $owner = $property ? $property.DeclaringType : $type
            Add-Gap "$owner.$($parameter.Name): no <summary> (the description of -$($parameter.Name))" $command
        }
        $defaults[$parameter.Name] = Get-Default $instance $property $parameter.ParameterType
    }

    $node = Add-Node $root 'command:command'
    $details = Add-Node $node 'command:details'
    $null = Add-Node $details 'command:name' $command.Name
    $null = Add-Node $details 'command:verb' $command.Verb
    $null = Add-Node $details 'command:noun' $command.Noun
    Add-Description $details $synopsis
    Add-Description $node $description

    $syntax = Add-Node $node 'command:syntax'
    foreach ($set in @($command.ParameterSets | Sort-Object -Stable { -not $_.IsDefault })) {
        $item = Add-Node $syntax 'command:syntaxItem'
        $null = Add-Node $item 'maml:name' $command.Name
        # In PowerShell's own order: positional parameters by position, then mandatory ones, then the rest.
        $inSet = $set.Parameters.Where({ $_.Name -notin $skipped }) |
            Sort-Object -Stable { $_.Position -ge 0 ? $_.Position : [int]::MaxValue }, { -not $_.IsMandatory }
        foreach ($parameter in $inSet) { Add-Parameter $item $parameter @($parameter) -default $defaults[$parameter.Name] }
    }
    $list = Add-Node $node 'command:parameters'
    foreach ($parameter in $parameters) {
        Add-Parameter $list $parameter @($parameter.ParameterSets.Values) $texts[$parameter.Name] $defaults[$parameter.Name]
    }

    $inputs = Add-Node $node 'command:inputTypes'
    $byValue = $parameters.Where({ $_.ParameterSets.Values.ValueFromPipeline -contains $true })
    $byName = $parameters.Where({ $_ -notin $byValue -and $_.ParameterSets.Values.ValueFromPipelineByPropertyName -contains $true })
    foreach ($parameter in $byValue) {
        Add-TypeEntry $inputs 'inputType' $parameter.ParameterType.FullName "Piped objects of this type bind to -$($parameter.Name)."
    }
    if ($byName) {
        $names = $byName.ForEach({ "-$($_.Name)" }) -join ', '
        Add-TypeEntry $inputs 'inputType' 'System.Management.Automation.PSObject' "Piped objects bind by property name: $names."
    }
    if (-not ($byValue -or $byName)) { Add-TypeEntry $inputs 'inputType' 'None' 'This cmdlet takes no pipeline input.' }
    $outputs = Add-Node $node 'command:returnValues'
    $outputTypes = @($command.OutputType).Where({ $_.Type -ne [void] })
    foreach ($output in $outputTypes) { Add-TypeEntry $outputs 'returnValue' $output.Name @(Get-Paragraphs $docs["T:$($output.Name)"]?['summary']) }
    if (-not $outputTypes) { Add-TypeEntry $outputs 'returnValue' 'None' 'This cmdlet writes nothing to the pipeline.' }

    $exampleList = Add-Node $node 'command:examples'
    for ($i = 0; $i -lt $examples.Count; $i++) {
        $example = Add-Node $exampleList 'command:example'
        $null = Add-Node $example 'maml:title' "-------------------------- Example $($i + 1) --------------------------"
        $null = Add-Node $example 'dev:code' $examples[$i].Code
        $remarks = Add-Node $example 'dev:remarks'
        # The empty last paragraph keeps Get-Help from running the next example's title into this one.
        foreach ($paragraph in $examples[$i].Remarks + '') { $null = Add-Node $remarks 'maml:para' $paragraph }
    }
    $link = Add-Node (Add-Node $node 'command:relatedLinks') 'maml:navigationLink'
    $null = Add-Node $link 'maml:linkText' 'about_Adsumo'
    $null = Add-Node $link 'maml:uri'
}

if ($gaps.Count) {
    # One plain line per gap: the message of an exception would be re-wrapped beyond reading.
    foreach ($what in $gaps.Keys) { Write-Host "  $what; in $($gaps[$what] -join ', ')" }
    throw "The help is incomplete: $($gaps.Count) doc comment(s) to write in the cmdlet classes, listed above."
}
$OutputPath = [IO.Path]::GetFullPath($OutputPath, (Get-Location).Path)
$null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $OutputPath)
$help.Save($OutputPath)
Write-Host "Wrote the help of $($commands.Count) cmdlets to $OutputPath"
