BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator

    # The list requests the module sent, with each query read into a table so that the order of its parts does not matter.
    function script:Get-ListRequest {
        foreach ($request in @(Get-EmulatorRequest -Emulator $emulator | Where-Object path -EQ '/api/v1/generations')) {
            $query = @{}
            foreach ($part in "$($request.query)".Split('&', [StringSplitOptions]::RemoveEmptyEntries)) {
                $name, $value = $part.Split('=', 2)
                $query[$name] = [uri]::UnescapeDataString($value)
            }
            $query
        }
    }

    # A generation read directly, past the module: the expected values come from the service.
    function script:Get-RawGeneration([string] $Id, [string] $Key) {
        Invoke-RestMethod -Uri "$($emulator.BaseUri)/generations/$Id" -Headers @{ Authorization = "Bearer $Key" }
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'Get-AdsumoGeneration lists' {
    BeforeAll {
        $script:team = New-TestTeam -Emulator $emulator
        $script:seeded = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ generations = @{ count = 230; type = 'image'; status = 'completed' } }).generations
    }
    BeforeEach { Clear-EmulatorRequest -Emulator $emulator }

    It 'lists every generation across three pages of 100' {
        $all = Get-AdsumoGeneration -Connection $team.Connection
        $all | Should -BeOfType ([Adsumo.Generation])
        $all.Count | Should -Be 230
        ($all.Id | Sort-Object) | Should -Be ($seeded | Sort-Object)
        $pages = @(Get-ListRequest)
        $pages.Count | Should -Be 3
        $pages.ForEach({ "$($_.limit)/$($_.offset)" }) | Should -Be @('100/0', '100/100', '100/200')
    }

    It 'makes one list request when Select-Object -First 3 stops the pipeline' {
        $first = Get-AdsumoGeneration -Connection $team.Connection | Select-Object -First 3
        $first.Count | Should -Be 3
        @(Get-ListRequest).Count | Should -Be 1
    }

    It 'pages on the server with -First and -Skip' {
        $all = Get-AdsumoGeneration -Connection $team.Connection
        Clear-EmulatorRequest -Emulator $emulator
        $page = Get-AdsumoGeneration -Connection $team.Connection -First 10 -Skip 120
        $page.Id | Should -Be $all[120..129].Id
        $requests = @(Get-ListRequest)
        $requests.Count | Should -Be 1
        "$($requests[0].limit)/$($requests[0].offset)" | Should -Be '10/120'
    }

    It 'asks only for what remains, across pages, with -First 150 -Skip 30' {
        $items = Get-AdsumoGeneration -Connection $team.Connection -First 150 -Skip 30
        $items.Count | Should -Be 150
        (Get-ListRequest).ForEach({ "$($_.limit)/$($_.offset)" }) | Should -Be @('100/30', '50/130')
    }

    It 'writes the total first with -IncludeTotalCount' {
        $output = Get-AdsumoGeneration -Connection $team.Connection -First 2 -IncludeTotalCount
        $output.Count | Should -Be 3
        $output[0].ToString() | Should -Match '\b230\b'
        $output[1..2] | Should -BeOfType ([Adsumo.Generation])
    }

    It 'returns nothing past the end' {
        @(Get-AdsumoGeneration -Connection $team.Connection -Skip 500).Count | Should -Be 0
    }

    It 'does not show the generations to another team' {
        $other = New-TestTeam -Emulator $emulator
        @(Get-AdsumoGeneration -Connection $other.Connection).Count | Should -Be 0
        { Get-AdsumoGeneration -Connection $other.Connection -Id $seeded[0] -ErrorAction Stop } | Should -Throw -ErrorId 'Adsumo.NotFound,Adsumo.Commands.GetAdsumoGenerationCommand'
    }
}

Describe 'Get-AdsumoGeneration filters' {
    BeforeAll {
        $script:team = New-TestTeam -Emulator $emulator
        function script:Add-Generation([string] $Type, [string] $Status, [int] $Count) {
            # seconds -1: a processing one stays processing, whatever the test's pace.
            (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ generations = @{ count = $Count; type = $Type; status = $Status; seconds = -1 } }).generations
        }
        $script:images = Add-Generation image completed 3
        $script:videos = Add-Generation ai-video processing 2
        $script:failedAvatar = Add-Generation talking-avatar failed 1
        $script:failedImage = Add-Generation image failed 1
    }
    BeforeEach { Clear-EmulatorRequest -Emulator $emulator }

    It 'sends -Type as the type query and writes only that type' {
        $videosFound = Get-AdsumoGeneration -Connection $team.Connection -Type ai-video
        $videosFound.Id | Sort-Object | Should -Be ($videos | Sort-Object)
        $videosFound.Type | Sort-Object -Unique | Should -Be 'ai-video'
        $query = @(Get-ListRequest)[0]
        $query.type | Should -Be 'ai-video'
        $query.Keys | Should -Not -Contain 'status'
    }

    It 'sends -Status as the status query and writes only that status' {
        $failed = Get-AdsumoGeneration -Connection $team.Connection -Status failed
        $failed.Id | Sort-Object | Should -Be (@($failedAvatar) + $failedImage | Sort-Object)
        $failed.Status | Sort-Object -Unique | Should -Be 'failed'
        $failed.ErrorMessage | Should -Not -BeNullOrEmpty
        $query = @(Get-ListRequest)[0]
        $query.status | Should -Be 'failed'
        $query.Keys | Should -Not -Contain 'type'
    }

    It 'sends both filters together' {
        (Get-AdsumoGeneration -Connection $team.Connection -Type image -Status failed).Id | Should -Be @($failedImage)
        $query = @(Get-ListRequest)[0]
        $query.type | Should -Be 'image'
        $query.status | Should -Be 'failed'
    }

    It 'lists completed generations with their result URL and processing ones without' {
        $completed = Get-AdsumoGeneration -Connection $team.Connection -Status completed
        $completed.Id | Sort-Object | Should -Be ($images | Sort-Object)
        $completed.ForEach({ $_.ResultUrl | Should -Match '^http' })
        (Get-AdsumoGeneration -Connection $team.Connection -Status processing).ForEach({ $_.ResultUrl | Should -BeNullOrEmpty })
    }

    It 'refuses a type the API does not know before sending anything' {
        { Get-AdsumoGeneration -Connection $team.Connection -Type movie } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Adsumo.Commands.GetAdsumoGenerationCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }
}

Describe 'Get-AdsumoGeneration by id' {
    BeforeAll {
        $script:team = New-TestTeam -Emulator $emulator
        $voice = Get-AdsumoVoice -First 1
        $avatar = Get-AdsumoAvatar -Type Platform | Select-Object -First 1
        $script:image = New-AdsumoImage -Prompt 'A bottle on a rock' -Model pro -AspectRatio 16:9 -Resolution 2k -Quantity 2
        $script:video = New-AdsumoAIVideo -Prompt 'A bottle rolling downhill' -Model veo-3.1 -AspectRatio 9:16 -Duration 8
        $script:talking = New-AdsumoTalkingAvatarVideo -AvatarId $avatar.Id -Script 'Meet the Trail Bottle.' -VoiceId $voice.Id
        $script:voiceId = $voice.Id
        $script:avatarId = $avatar.Id
    }
    BeforeEach { Clear-EmulatorRequest -Emulator $emulator }

    It 'reads an image''s details: prompt, model, aspect ratio, resolution and quantity' {
        $generation = Get-AdsumoGeneration -Id $image.Id
        $generation.Type | Should -Be 'image'
        $generation.Details | Should -BeOfType ([Adsumo.GenerationDetails])
        $generation.Details.Prompt | Should -Be 'A bottle on a rock'
        $generation.Details.Model | Should -Be 'pro'
        $generation.Details.AspectRatio | Should -Be '16:9'
        $generation.Details.Resolution | Should -Be '2k'
        $generation.Details.Quantity | Should -Be 2
        $generation.Details.Script | Should -BeNullOrEmpty
    }

    It 'reads an AI video''s details: prompt, model, duration and aspect ratio' {
        $generation = Get-AdsumoGeneration -Id $video.Id
        $generation.Type | Should -Be 'ai-video'
        $generation.Details.Prompt | Should -Be 'A bottle rolling downhill'
        $generation.Details.Model | Should -Be 'veo-3.1'
        $generation.Details.Duration | Should -Be 8
        $generation.Details.AspectRatio | Should -Be '9:16'
        $generation.Details.Resolution | Should -BeNullOrEmpty
    }

    It 'reads a talking-avatar video''s details: avatar, script, voice, template and duration' {
        $generation = Get-AdsumoGeneration -Id $talking.Id
        $raw = Get-RawGeneration -Id $talking.Id -Key $team.Key
        $generation.Type | Should -Be 'talking-avatar'
        $generation.Details.AvatarId | Should -Be $avatarId
        $generation.Details.Script | Should -Be 'Meet the Trail Bottle.'
        $generation.Details.VoiceId | Should -Be $voiceId
        $generation.Details.Template | Should -Be $raw.details.template
        $generation.Details.Duration | Should -Be $raw.details.duration
        $generation.Details.Duration | Should -BeGreaterThan 0
        $generation.Details.Prompt | Should -BeNullOrEmpty
    }

    It 'leaves Details empty in a listing, which carries none' {
        (Get-AdsumoGeneration -Type image).Details | Should -BeNullOrEmpty
    }

    It 'takes ids and generations from the pipeline' {
        $byId = $image.Id, $video.Id | Get-AdsumoGeneration
        $byId.Id | Should -Be @($image.Id, $video.Id)
        $byObject = Get-AdsumoGeneration -Type ai-video | Get-AdsumoGeneration
        $byObject.Id | Should -Be @($video.Id)
        $byObject.Details.Model | Should -Be 'veo-3.1'
        $byProperty = [pscustomobject]@{ GenerationId = $talking.Id } | Get-AdsumoGeneration
        $byProperty.Id | Should -Be $talking.Id
    }

    It 'writes a non-terminating Adsumo.NotFound for a missing id and still writes the others' {
        $missing = [guid]::NewGuid().ToString()
        $found = $image.Id, $missing, $video.Id | Get-AdsumoGeneration -ErrorVariable failures -ErrorAction SilentlyContinue
        $found.Id | Should -Be @($image.Id, $video.Id)
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Adsumo.NotFound,Adsumo.Commands.GetAdsumoGenerationCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be $missing
        $failures[0].Exception.StatusCode | Should -Be 404
        $failures[0].ToString() | Should -Match ([regex]::Escape($failures[0].Exception.RequestId))
    }

    It 'refuses an id that is not a UUID before sending anything' {
        { Get-AdsumoGeneration -Id 'latest' } | Should -Throw -ErrorId 'Adsumo.InvalidId,Adsumo.Commands.GetAdsumoGenerationCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }
}
