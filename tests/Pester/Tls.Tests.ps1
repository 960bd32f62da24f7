# The module over real TLS: an emulator on https://127.0.0.1 with a certificate made for this run, issued by a test
# CA. A child pwsh trusts that CA for its own process only (SSL_CERT_FILE, which .NET on Linux reads for its trusted
# roots; nothing is installed on the machine) and lists, creates, waits and saves over https, result files included.
# This process does not trust it: there the handshake fails at once, once, with an error that names TLS (the
# client's xunit tests, Transport/TlsTests.cs, prove the same of downloads).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule

    function New-TestCertificate([string] $Folder) {
        # A CA, and a server certificate it issues for 127.0.0.1 and localhost, made with .NET: no openssl needed.
        $now = [DateTimeOffset]::UtcNow
        $sha256 = [Security.Cryptography.HashAlgorithmName]::SHA256
        $pkcs1 = [Security.Cryptography.RSASignaturePadding]::Pkcs1
        $caKey = [Security.Cryptography.RSA]::Create(2048)
        $caRequest = [Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=Adsumo Test CA', $caKey, $sha256, $pkcs1)
        $caRequest.CertificateExtensions.Add([Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($true, $false, 0, $true))
        $caRequest.CertificateExtensions.Add([Security.Cryptography.X509Certificates.X509KeyUsageExtension]::new('KeyCertSign, CrlSign', $true))
        $caRequest.CertificateExtensions.Add([Security.Cryptography.X509Certificates.X509SubjectKeyIdentifierExtension]::new($caRequest.PublicKey, $false))
        $ca = $caRequest.CreateSelfSigned($now.AddMinutes(-5), $now.AddDays(1))

        $serverKey = [Security.Cryptography.RSA]::Create(2048)
        $request = [Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=127.0.0.1', $serverKey, $sha256, $pkcs1)
        $names = [Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
        $names.AddIpAddress([Net.IPAddress]::Loopback)
        $names.AddDnsName('localhost')
        $request.CertificateExtensions.Add($names.Build())
        $request.CertificateExtensions.Add([Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($false, $false, 0, $false))
        $request.CertificateExtensions.Add([Security.Cryptography.X509Certificates.X509KeyUsageExtension]::new('DigitalSignature, KeyEncipherment', $true))
        $serverAuth = [Security.Cryptography.OidCollection]::new()
        $null = $serverAuth.Add([Security.Cryptography.Oid]::new('1.3.6.1.5.5.7.3.1'))
        $request.CertificateExtensions.Add([Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]::new($serverAuth, $false))
        $request.CertificateExtensions.Add([Security.Cryptography.X509Certificates.X509AuthorityKeyIdentifierExtension]::CreateFromCertificate($ca, $true, $false))
        $serial = [byte[]]::new(16)
        [Security.Cryptography.RandomNumberGenerator]::Fill($serial)
        $issued = $request.Create($ca, $now.AddMinutes(-5), $now.AddDays(1), $serial)
        $server = [Security.Cryptography.X509Certificates.RSACertificateExtensions]::CopyWithPrivateKey($issued, $serverKey)

        $password = [guid]::NewGuid().ToString('N')
        $pfx = Join-Path $Folder 'server.pfx'
        [IO.File]::WriteAllBytes($pfx, $server.Export('Pfx', $password))
        $bundle = Join-Path $Folder 'test-ca.pem'
        Set-Content -Path $bundle -Value $ca.ExportCertificatePem()
        [pscustomobject]@{ Pfx = $pfx; Password = $password; CaBundle = $bundle }
    }

    $work = Join-Path ([IO.Path]::GetTempPath()) ('adsumo-tls-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory $work
    $certificate = New-TestCertificate $work
    $emulator = Start-TestEmulator -Urls 'https://127.0.0.1:0' -Arguments @(
        '--https-cert', $certificate.Pfx, '--https-cert-password', $certificate.Password, '--generation-seconds', '0.5')
    $key = New-TestKey

    # Everything a user does, in a shell that trusts the test CA, and nothing else about TLS changed.
    $saved = Join-Path $work 'ads'
    $null = New-Item -ItemType Directory $saved
    $trusted = Invoke-ChildPwsh -Environment @{ SSL_CERT_FILE = $certificate.CaBundle } -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$env:ADSUMO_TEST_MODULE'
Connect-Adsumo -ApiKey $key -BaseUri '$($emulator.BaseUri)' -MaxRetries 0
`$product = New-AdsumoProduct -Name 'Trail Bottle' -Description 'Insulated, 750 ml' -Category Outdoor -ImageUrl https://example.com/bottle.png
`$listed = @(Get-AdsumoProduct)
`$done = `$product | New-AdsumoProductShot -StyleId studio-white -Model fast -AspectRatio 1:1 | Wait-AdsumoGeneration -PollIntervalSeconds 0.2
`$file = `$done | Save-AdsumoGeneration -Path '$saved'
[pscustomobject]@{
    Listed    = `$listed.Id
    ProductId = `$product.Id
    Status    = `$done.Status
    ResultUrl = "`$(`$done.ResultUrl)"
    File      = `$file.FullName
    GenerationId = `$done.Id
} | ConvertTo-Json -Compress
"@
    $result = if ($trusted.ExitCode -eq 0) { $trusted.Output[-1] | ConvertFrom-Json }
}

AfterAll {
    Stop-LoopbackServer $emulator
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Over https, trusting the test CA in one process' {
    It 'listens on https on loopback' {
        $emulator.BaseUri | Should -Match '^https://127\.0\.0\.1:\d+/api/v1$'
    }

    It 'connects, creates, lists, waits and saves' {
        $trusted.ExitCode | Should -Be 0 -Because ($trusted.Output -join "`n")
        $result.Listed | Should -Be $result.ProductId
        $result.Status | Should -Be 'completed'
        $result.File | Should -Exist
        Get-FileMagic $result.File | Should -Be @(0x89, 0x50, 0x4E, 0x47)
    }

    It 'fetched the result file over https too, without the key' {
        $result.ResultUrl | Should -BeLike "$($emulator.Root)/_files/*"
        $files = @(Get-EmulatorRequest $emulator | Where-Object path -Like '/_files/*')
        $files.Count | Should -Be 1
        $files[0].authorization | Should -BeFalse
    }
}

Describe 'Over https, with a certificate this process does not trust' {
    It 'fails Connect-Adsumo at once, after one attempt, with Adsumo.NetworkError naming the TLS problem' {
        $before = @(Get-EmulatorRequest $emulator).Count
        $watch = [Diagnostics.Stopwatch]::StartNew()
        # Five retries a second apart would take seconds if the failure were taken for a transient one.
        $failure = { Connect-Adsumo -ApiKey (New-TestKey) -BaseUri $emulator.BaseUri -MaxRetries 5 -RetryBaseDelaySeconds 1 } |
            Should -Throw -ErrorId 'Adsumo.NetworkError,Adsumo.Commands.ConnectAdsumoCommand' -PassThru
        $watch.Stop()
        $failure.Exception.Attempts | Should -Be 1
        $failure.Exception.Message | Should -Match 'TLS handshake failed'
        $failure.Exception.Message | Should -Match 'certificate'
        $failure.Exception.Message | Should -Match 'not retried'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        @(Get-EmulatorRequest $emulator).Count | Should -Be $before -Because 'no request gets past a failed handshake'
    }
}
