using System;
using System.Management.Automation;
using System.Security;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// Lets -ApiKey take a SecureString, a plain string or a PSCredential (whose password is the key, as runbooks keep
/// it). The value is never echoed: a refusal names only the type it got.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class SecretTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case null:
                return null;
            case SecureString secure:
                return secure;
            case PSCredential credential:
                return credential.Password;
            case string plain:
                return Secrets.Protect(plain);
            default:
                throw new ArgumentTransformationMetadataException(
                    $"A secret must be a SecureString, a string or a PSCredential, not a {value.GetType().Name}.");
        }
    }
}
