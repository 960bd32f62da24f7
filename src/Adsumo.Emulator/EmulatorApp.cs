using System;
using System.Collections.Generic;
using Adsumo.Emulator.Auth;
using Adsumo.Emulator.Control;
using Adsumo.Emulator.Endpoints;
using Adsumo.Emulator.Faults;
using Adsumo.Emulator.Files;
using Adsumo.Emulator.Hosting;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.RateLimiting;
using Adsumo.Emulator.RequestLogging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Adsumo.Emulator;

/// <summary>Builds the emulator as a WebApplication, for the program and for tests that host it in process.</summary>
public static class EmulatorApp
{
    /// <summary>Builds from a command line; throws <see cref="EmulatorOptionsException"/> on a bad one.</summary>
    public static WebApplication Build(IReadOnlyList<string> args) =>
        Build(EmulatorCommandLine.Parse(args) ?? throw new EmulatorOptionsException("--help is not an emulator to build."));

    public static WebApplication Build(EmulatorOptions options)
    {
        ListenAddresses.Check(options.Urls, options.HttpsCertificate is not null);
        if (options.Settings.Validate() is { } error)
            throw new EmulatorOptionsException($"{error.Setting} {error.Rule}.");

        // No command-line configuration: the emulator's own options are parsed above, and Kestrel gets exactly them.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (options.HttpsCertificate is { } certificate) kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
        });
        // The slim builder leaves https out of Kestrel unless asked.
        if (options.HttpsCertificate is not null) builder.WebHost.UseKestrelHttpsConfiguration();
        TimeProvider clock = options.ClockOffsetSeconds == 0
            ? TimeProvider.System
            : new OffsetClock(TimeSpan.FromSeconds(options.ClockOffsetSeconds));
        var runtime = new EmulatorRuntime(options, clock);
        builder.Services.AddSingleton(runtime);

        var app = builder.Build();
        ConfigurePipeline(app, runtime);
        MapEndpoints(app, runtime);
        app.Lifetime.ApplicationStarted.Register(() => StartupAnnouncer.Announce(app, options, runtime.Server));
        // The container does not dispose an instance it was handed, and tests start many emulators in one process.
        app.Lifetime.ApplicationStopped.Register(runtime.Dispose);
        return app;
    }

    private static void ConfigurePipeline(WebApplication app, EmulatorRuntime runtime)
    {
        var log = new RequestLogMiddleware(runtime.Log, runtime.Clock);
        var faults = new FaultMiddleware(runtime.Faults);
        var authentication = new AuthenticationMiddleware(runtime.Teams);
        var rateLimit = new RateLimitMiddleware(runtime.RateLimiter, runtime.Settings);
        var date = new DateHeaderMiddleware(runtime.Clock);

        app.UseRouting();
        app.Use(RequestIdMiddleware.InvokeAsync);
        app.Use(date.InvokeAsync);
        app.UseWhen(IsLogged, branch => branch.Use(log.InvokeAsync));
        // Faults sit outside error handling, so an "after" fault also replaces an error answer.
        app.UseWhen(IsApi, branch => branch.Use(faults.InvokeAsync));
        app.Use(ErrorHandlingMiddleware.InvokeAsync);
        app.UseWhen(IsApi, branch =>
        {
            branch.Use(authentication.InvokeAsync);
            branch.Use(rateLimit.InvokeAsync);
        });
    }

    private static void MapEndpoints(WebApplication app, EmulatorRuntime runtime)
    {
        new ProductEndpoints(runtime).Map(app);
        new AvatarEndpoints(runtime).Map(app);
        new GenerationEndpoints(runtime).Map(app);
        new VideoEndpoints(runtime).Map(app);
        new ImageEndpoints(runtime).Map(app);
        new VoiceEndpoints().Map(app);
        new VoiceoverEndpoints(runtime).Map(app);
        new CreditEndpoints(runtime).Map(app);
        new FileEndpoints(runtime).Map(app);
        new ControlEndpoints(runtime).Map(app);
        FallbackEndpoint.Map(app);
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api/v1");

    private static bool IsLogged(HttpContext context) =>
        IsApi(context) || context.Request.Path.StartsWithSegments("/_files");
}
