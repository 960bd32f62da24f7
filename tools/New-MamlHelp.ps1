<#
.SYNOPSIS
    Writes the MAML help of the Adsumo binary module (en-US/Adsumo.dll-Help.xml) from its code and doc comments.
.DESCRIPTION
    The words come from the compiler's XML documentation: a cmdlet class's <summary> is the synopsis, its <remarks>
    the description, each <example> a <code> and <para>s, each parameter property's <summary> its description.
    Everything else (parameter sets, types, positions, pipeline input, aliases, ValidateSet values, defaults, output
    types) comes from the imported module, so the help cannot drift from the code. Missing words fail the run, with
    every gap listed. It imports the module, which cannot be unloaded again: run it in a child pwsh.
.PARAMETER ModulePath
    The built module's manifest (out/Adsumo/Adsumo.psd1).
.PARAMETER XmlDocPath
    The XML documentation files: the module's (Adsumo.xml), and those of the models (Adsumo.Models.xml), whose type
    summaries describe the outputs.
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

$commands = @(Get-Command -Module (Import-Module $ModulePath -Force -PassThru).Name -CommandType Cmdlet | Sort-Object Name)
$docs = @{}
foreach ($path in $XmlDocPath) {
    $file = [xml]::new(); $file.PreserveWhitespace = $true; $file.Load((Resolve-Path $path).Path)  # keeps '<c>a</c> <c>b</c>' apart
    foreach ($member in $file.SelectNodes('/doc/members/member')) { $docs[$member.GetAttribute('name')] = $member }
}
function Get-DocName([type] $type) { $type.FullName -replace '\+', '.' }  # nested types are Outer.Inner in the XML
$cmdletOf = @{}; foreach ($command in $commands) { $cmdletOf[(Get-DocName $command.ImplementingType)] = $command.Name }
$skipped = [Management.Automation.Cmdlet]::CommonParameters + 'UseTransaction'
# PowerShell declares these itself (SupportsPaging, SupportsShouldProcess), so no doc comment of ours describes them.
$frameworkText = @{
    First             = 'Gets only the given number of objects, from the start of the list.'
    Skip              = 'Skips the given number of objects, then gets the rest.'
    IncludeTotalCount = 'Writes the total number of objects (a PSObject with a Count) before the objects themselves.'
    WhatIf            = 'Shows what would happen if the cmdlet ran. The cmdlet does not run.'
    Confirm           = 'Asks for confirmation before running the cmdlet.'
}

function ConvertFrom-Inline($node) {
    # Crefs read as users see them: a cmdlet class as its name, its property as -Parameter, else Type or Type.Member.
    -join @(foreach ($n in $node.ChildNodes) {
        if ($n -isnot [Xml.XmlElement]) { $n.Value; continue }
        if ($n.LocalName -notin 'see', 'seealso', 'paramref', 'typeparamref') { ConvertFrom-Inline $n; continue }
        if ($n.InnerText.Trim()) { $n.InnerText; continue }
        if ($n.HasAttribute('name')) { ('', '-')[$n.LocalName -eq 'paramref'] + $n.GetAttribute('name'); continue }
        if ($n.HasAttribute('langword')) { $word = $n.GetAttribute('langword'); ($word, "`$$word")[$word -in 'null', 'true', 'false']; continue }
        if ($n.HasAttribute('href')) { $n.GetAttribute('href'); continue }
        $kind, $name = $n.GetAttribute('cref') -split ':', 2
        $name = $name -replace '\(.*$' -replace '`+\d+'
        if ($kind -in 'T', '!' -or $name -notmatch '^(.+)\.([^.]+)$') { if ($cmdletOf[$name]) { $cmdletOf[$name] } else { $name }; continue }
        if ($kind -eq 'P' -and $cmdletOf[$Matches[1]]) { "-$($Matches[2])" } else { "$($Matches[1] -replace '^.*\.').$($Matches[2])" }
    })
}

function Format-Code([string] $text) {
    # Drops the doc comment's indentation but keeps the code's own.
    $lines = @(($text -replace '\r') -split '\n' | ForEach-Object TrimEnd) -join "`n" -replace '^\n+|\n+$' -split '\n'
    $indent = ($lines | Where-Object { $_ } | ForEach-Object { $_.Length - $_.TrimStart().Length } | Measure-Object -Minimum).Minimum
    ($lines | ForEach-Object { if ($_.Length -ge $indent) { $_.Substring($indent) } else { '' } }) -join "`n"
}

function Get-Paragraphs($node) {
    # Loose text joins into one paragraph; <para>, <code> and each list <item> start their own.
    $paragraphs = [Collections.Generic.List[string]]::new(); $loose = [Text.StringBuilder]::new()
    $flush = { if ($loose.ToString().Trim()) { $paragraphs.Add(($loose.ToString() -replace '\s+', ' ').Trim()) }; $null = $loose.Clear() }
    foreach ($n in @(if ($node) { $node.ChildNodes })) {
        if ($n -is [Xml.XmlElement] -and $n.LocalName -in 'para', 'code', 'list') {
            & $flush
            if ($n.LocalName -eq 'code') { $paragraphs.Add((Format-Code $n.InnerText)) }
            elseif ($n.LocalName -eq 'para') { $paragraphs.AddRange([string[]]@(Get-Paragraphs $n)) }
            else { foreach ($item in $n.SelectNodes('item')) { $paragraphs.Add('- ' + ((@($item.ChildNodes | ForEach-Object { (ConvertFrom-Inline $_) -replace '\s+', ' ' }) -join ': ' -replace '^[: ]+').Trim())) } }
        }
        else { $null = $loose.Append((ConvertFrom-Inline ([xml]"<x>$($n.OuterXml)</x>").x)) }
    }
    & $flush
    $paragraphs
}

function Get-Default($instance, $property) {
    # A fresh cmdlet holds the C# initializers, which are the defaults; nothing shown for null, empty or switches off.
    if (-not $instance -or -not $property) { return $null }
    $value = $property.GetValue($instance)
    if ($value -is [Management.Automation.SwitchParameter]) { return ('', 'True')[$value.IsPresent] }
    (@($value) | Where-Object { $null -ne $_ } | ForEach-Object { [Convert]::ToString($_, [cultureinfo]::InvariantCulture) }) -join ', '
}

$ns = @{ maml = 'http://schemas.microsoft.com/maml/2004/10'; command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'; dev = 'http://schemas.microsoft.com/maml/dev/2004/10' }
$help = [xml]::new()
$null = $help.AppendChild($help.CreateXmlDeclaration('1.0', 'utf-8', $null))
$root = $help.AppendChild($help.CreateElement('helpItems', 'http://msh')); $root.SetAttribute('schema', 'maml')
foreach ($prefix in $ns.Keys) { $root.SetAttribute("xmlns:$prefix", 'http://www.w3.org/2000/xmlns/', $ns[$prefix]) }
function Add-Node($parent, [string] $name, [string] $text, [Collections.IDictionary] $attributes = @{}) {
    $prefix = $name.Split(':')[0]
    $node = $parent.AppendChild($help.CreateElement($name, $ns[$prefix]))
    foreach ($key in $attributes.Keys) { $node.SetAttribute($key, [string] $attributes[$key]) }
    if ($text) { $node.InnerText = $text }
    $node
}
function Add-Description($parent, [string[]] $paragraphs) {
    $description = Add-Node $parent 'maml:description'
    foreach ($paragraph in $paragraphs) { $null = Add-Node $description 'maml:para' $paragraph }
}
function Add-Parameter($parent, $parameter, [object[]] $sets, [string[]] $description, [string] $default) {
    # $sets: how the parameter binds in each set (a CommandParameterInfo, or the ParameterSetMetadata of each set);
    # help has one value per attribute, so it is required or takes pipeline input if it does so in any set.
    $type = [Nullable]::GetUnderlyingType($parameter.ParameterType) ?? $parameter.ParameterType
    $byValue = @($sets | Where-Object ValueFromPipeline).Count -gt 0
    $byName = @($sets | Where-Object ValueFromPipelineByPropertyName).Count -gt 0
    $position = @($sets | Where-Object Position -ge 0 | ForEach-Object Position)[0] ?? 'named'
    $node = Add-Node $parent 'command:parameter' -attributes ([ordered]@{
            required = "$(@($sets | Where-Object IsMandatory).Count -gt 0)".ToLower(); variableLength = 'true'
            globbing = "$(@($parameter.Attributes | Where-Object { $_ -is [SupportsWildcardsAttribute] }).Count -gt 0)".ToLower()
            pipelineInput = if ($byValue -or $byName) { "True ($(@(('ByValue')[!$byValue], ('ByPropertyName')[!$byName] | Where-Object { $_ }) -join ', '))" } else { 'False' }
            position = $position; aliases = if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }
        })
    $null = Add-Node $node 'maml:name' $parameter.Name
    if ($description) { Add-Description $node $description }
    if ($type -ne [Management.Automation.SwitchParameter]) { $null = Add-Node $node 'command:parameterValue' $type.Name @{ required = 'true'; variableLength = "$($type.IsArray)".ToLower() } }
    $validSet = $parameter.Attributes | Where-Object { $_ -is [ValidateSetAttribute] } | Select-Object -First 1
    if ($validSet) {
        $group = Add-Node $node 'command:parameterValueGroup'
        foreach ($value in $validSet.ValidValues) { $null = Add-Node $group 'command:parameterValue' $value @{ required = 'false'; variableLength = 'false' } }
    }
    $null = Add-Node (Add-Node $node 'dev:type') 'maml:name' $type.FullName
    $null = Add-Node $node 'dev:defaultValue' ($default ? $default : 'None')
}

$gaps = [Collections.Generic.List[string]]::new()
foreach ($command in $commands) {
    $type = $command.ImplementingType
    $doc = $docs["T:$(Get-DocName $type)"]
    $synopsis = @(if ($doc) { Get-Paragraphs $doc['summary'] })
    $description = @(if ($doc) { Get-Paragraphs $doc['remarks'] })
    $examples = @(if ($doc) { $doc.SelectNodes('example') })
    if (-not $synopsis) { $gaps.Add("${command}: no <summary> (synopsis) on $type") }
    if (-not $description) { $gaps.Add("${command}: no <remarks> (description) on $type") }
    if ($examples.Count -lt 2) { $gaps.Add("${command}: $($examples.Count) <example>s on $type; at least 2 are needed") }
    foreach ($example in $examples) {
        if (-not $example['code'] -or -not @(Get-Paragraphs $example).Count -gt 1) { $gaps.Add("${command}: an <example> on $type lacks a <code> or a <para> saying what it does") }
    }
    $instance = try { [Activator]::CreateInstance($type) } catch { $null }

    $node = Add-Node $root 'command:command'
    $details = Add-Node $node 'command:details'
    foreach ($part in @(('name', $command.Name), ('verb', $command.Verb), ('noun', $command.Noun))) { $null = Add-Node $details "command:$($part[0])" $part[1] }
    Add-Description $details $synopsis
    Add-Description $node $description

    $parameters = @($command.Parameters.Values | Where-Object Name -notin $skipped | Sort-Object Name)
    $texts = @{}; $defaults = @{}
    foreach ($parameter in $parameters) {
        # Inherited parameters (-Connection, -Id, -InputObject) are documented on the class that declares them.
        $property = $null
        for ($t = $type; $t -and -not $property; $t = $t.BaseType) { $property = $t.GetProperty($parameter.Name, [Reflection.BindingFlags]'Public, Instance, DeclaredOnly') }
        $member = if ($property) { $docs["P:$(Get-DocName $property.DeclaringType).$($parameter.Name)"] }
        $texts[$parameter.Name] = @(if ($member) { Get-Paragraphs $member['summary'] } elseif (-not $property) { $frameworkText[$parameter.Name] })
        if (-not $texts[$parameter.Name]) { $gaps.Add("${command}: -$($parameter.Name) has no <summary> on $(if ($property) { $property.DeclaringType } else { 'any class' })") }
        $defaults[$parameter.Name] = Get-Default $instance $property
    }

    $syntax = Add-Node $node 'command:syntax'
    foreach ($set in @($command.ParameterSets | Sort-Object { -not $_.IsDefault })) {
        $item = Add-Node $syntax 'command:syntaxItem'
        $null = Add-Node $item 'maml:name' $command.Name
        $inSet = $set.Parameters | Where-Object Name -notin $skipped |
            Sort-Object -Stable { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } }, { -not $_.IsMandatory }
        foreach ($parameter in $inSet) { Add-Parameter $item $parameter @($parameter) -default $defaults[$parameter.Name] }
    }
    $list = Add-Node $node 'command:parameters'
    foreach ($parameter in $parameters) { Add-Parameter $list $parameter @($parameter.ParameterSets.Values) $texts[$parameter.Name] $defaults[$parameter.Name] }

    $inputs = Add-Node $node 'command:inputTypes'
    $piped = @($parameters | Where-Object { $_.ParameterSets.Values.ValueFromPipeline -contains $true })
    $byName = @($parameters | Where-Object { $_ -notin $piped -and $_.ParameterSets.Values.ValueFromPipelineByPropertyName -contains $true })
    $inputList = @($piped | ForEach-Object { , ($_.ParameterType.FullName, "Objects piped to the cmdlet bind to -$($_.Name).") })
    if ($byName) { $inputList += , ('System.Management.Automation.PSObject', "Objects with properties named like the parameters $(($byName | ForEach-Object { "-$($_.Name)" }) -join ', ') bind to them.") }
    if (-not $inputList) { $inputList = , ('None', 'This cmdlet takes no input from the pipeline.') }
    foreach ($in in $inputList) { $entry = Add-Node $inputs 'command:inputType'; $null = Add-Node (Add-Node $entry 'dev:type') 'maml:name' $in[0]; Add-Description $entry $in[1] }
    $outputs = Add-Node $node 'command:returnValues'
    foreach ($output in @($command.OutputType | Where-Object Type -ne ([void])) + @(if (-not ($command.OutputType | Where-Object Type -ne ([void]))) { $null })) {
        $name = if ($output) { $output.Name } else { 'None' }
        $entry = Add-Node $outputs 'command:returnValue'; $null = Add-Node (Add-Node $entry 'dev:type') 'maml:name' $name
        Add-Description $entry @(if (-not $output) { 'This cmdlet writes nothing to the pipeline.' } elseif ($docs["T:$name"]) { Get-Paragraphs $docs["T:$name"]['summary'] })
    }

    $exampleList = Add-Node $node 'command:examples'
    for ($i = 0; $i -lt $examples.Count; $i++) {
        $example = Add-Node $exampleList 'command:example'
        $null = Add-Node $example 'maml:title' "-------------------------- Example $($i + 1) --------------------------"
        $null = Add-Node $example 'dev:code' ((@($examples[$i].SelectNodes('code') | ForEach-Object { Format-Code $_.InnerText })) -join "`n")
        $remarks = Add-Node $example 'dev:remarks'
        foreach ($paragraph in @(Get-Paragraphs ($examples[$i].CloneNode($true) | ForEach-Object { foreach ($code in @($_.SelectNodes('code'))) { $null = $_.RemoveChild($code) }; $_ }))) { $null = Add-Node $remarks 'maml:para' $paragraph }
    }
    $link = Add-Node (Add-Node $node 'command:relatedLinks') 'maml:navigationLink'
    $null = Add-Node $link 'maml:linkText' 'about_Adsumo'; $null = Add-Node $link 'maml:uri'
}

if ($gaps.Count) { throw "The help of $($gaps.Count) item(s) is missing in the doc comments:`n  $($gaps -join "`n  ")" }
$null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent ([IO.Path]::GetFullPath($OutputPath)))
$help.Save([IO.Path]::GetFullPath($OutputPath))
Write-Host "Wrote help for $($commands.Count) cmdlets to $OutputPath"
