using System.Reflection;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Incubator.Web.Infrastructure;

/// <summary>
/// Names the permission a back-office POST handler needs instead of <see cref="Policies.Staff"/>. On a handler it
/// applies to that handler; on a page model to every handler the page has. Each use says why next to it, since it is
/// the one place where the default "changing needs Staff" is set aside.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
internal sealed class AllowedForAttribute(string permission) : Attribute
{
    public string Permission { get; } = permission;
}

/// <summary>
/// Reading the back office needs <see cref="Policies.BackOffice"/> (its folders' authorization); changing anything
/// in it needs <see cref="Policies.Staff"/>. Every handler of an unsafe method on a page of a back-office folder
/// gets that check from this convention, so a new page or handler is covered without anyone remembering it; only
/// <see cref="AllowedForAttribute"/> asks for another permission. Leaders hold BackOffice only: they read content,
/// the calendar and records, and decide applications through workflow actions, which are role-gated themselves.
/// </summary>
internal static class HandlerPermissions
{
    /// <summary>The permission a handler of an unsafe method needs: its own or its page's AllowedFor, else Staff.</summary>
    public static string Required(MethodInfo handler, Type pageModel)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(pageModel);
        return handler.GetCustomAttribute<AllowedForAttribute>()?.Permission
            ?? pageModel.GetCustomAttribute<AllowedForAttribute>()?.Permission
            ?? Policies.Staff;
    }

    /// <summary>
    /// Whether a page's view-engine path lies in a back-office folder: any folder named Admin, at the top (the
    /// dashboard, "/Admin/Index") or inside a feature ("/Content/Admin/Edit"). Each feature keeps its back-office
    /// pages in its own Admin folder, so no list of folders has to know the features.
    /// </summary>
    public static bool IsBackOffice(string viewEnginePath)
    {
        ArgumentNullException.ThrowIfNull(viewEnginePath);
        var folders = viewEnginePath.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipLast(1);
        return folders.Any(f => string.Equals(f, BackOfficeFolder, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The name of the folder, in any feature, whose pages are the back office.</summary>
    public const string BackOfficeFolder = "Admin";

    internal static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    /// <summary>
    /// Opening any page of a back-office folder needs <see cref="Policies.BackOffice"/>: what
    /// <c>AuthorizeFolder("/Admin", ...)</c> did when all of them lived in one folder, now for every feature's Admin folder.
    /// </summary>
    internal sealed class BackOfficeConvention : IPageApplicationModelConvention
    {
        public void Apply(PageApplicationModel model)
        {
            ArgumentNullException.ThrowIfNull(model);
            if (IsBackOffice(model.ViewEnginePath))
            {
                model.EndpointMetadata.Add(new AuthorizeAttribute(Policies.BackOffice));
            }
        }
    }

    /// <summary>Adds the check to every page of the back-office folders.</summary>
    internal sealed class Convention : IPageApplicationModelConvention
    {
        public void Apply(PageApplicationModel model)
        {
            ArgumentNullException.ThrowIfNull(model);
            if (IsBackOffice(model.ViewEnginePath))
            {
                model.Filters.Add(new Filter());
            }
        }
    }

    /// <summary>
    /// Runs once the handler is chosen and before it runs, after the page's own authorization and antiforgery
    /// filters; a refusal is the usual forbid (the access-denied page), and the handler never runs.
    /// </summary>
    private sealed class Filter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(next);
            if (!IsSafe(context.HttpContext.Request.Method))
            {
                // A POST that matches no handler still runs the page (it renders it); the page type's own mark then
                // decides, so an unknown handler name is no way around the check.
                var permission = context.HandlerMethod is { } handler
                    ? Required(handler.MethodInfo, context.ActionDescriptor.HandlerTypeInfo)
                    : context.ActionDescriptor.HandlerTypeInfo.GetCustomAttribute<AllowedForAttribute>()?.Permission ?? Policies.Staff;
                var authorization = context.HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();
                if (!(await authorization.AuthorizeAsync(context.HttpContext.User, permission)).Succeeded)
                {
                    context.Result = context.HttpContext.User.Identity?.IsAuthenticated == true ? new ForbidResult() : new ChallengeResult();
                    return;
                }
            }

            await next();
        }
    }
}
