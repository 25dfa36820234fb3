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
    /// <summary>The folders of the back office: every page under them needs BackOffice to open.</summary>
    public static readonly IReadOnlyList<string> BackOfficeFolders = ["/Admin", "/Records"];

    /// <summary>The permission a handler of an unsafe method needs: its own or its page's AllowedFor, else Staff.</summary>
    public static string Required(MethodInfo handler, Type pageModel)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(pageModel);
        return handler.GetCustomAttribute<AllowedForAttribute>()?.Permission
            ?? pageModel.GetCustomAttribute<AllowedForAttribute>()?.Permission
            ?? Policies.Staff;
    }

    /// <summary>Whether a page's view-engine path (e.g. "/Admin/Content/Edit") lies in a back-office folder.</summary>
    public static bool IsBackOffice(string viewEnginePath) =>
        BackOfficeFolders.Any(f => viewEnginePath.StartsWith(f + "/", StringComparison.OrdinalIgnoreCase));

    internal static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

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
