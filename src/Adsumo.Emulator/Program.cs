var app = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder(args).Build(); app.Run();
