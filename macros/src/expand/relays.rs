//! Calls into the runtime's `macro_rules!` relays, which emit the framework and
//! OpenAPI impls that its cargo features turn on (the proc-macro has no features).

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use super::comma_list;

use super::paths::Private;
use crate::attr::Integration;
use crate::generics::Bounds;
use crate::plan::{Kind, MemberKind, Plan};

pub fn relays(plan: &Plan) -> TokenStream {
    let runtime = &plan.runtime;
    let private = Private(runtime);
    let ident = plan.type_ident();
    let (impl_generics, ty_generics, _) = plan.input.generics.split_for_impl();

    let mut integration_bounds = Bounds::default();
    let mut openapi_bounds = Bounds::default();
    if plan.is_generic() {
        // Named, not `Self`: the `tonic` impl is `From<Type> for Status`.
        integration_bounds.insert_predicate(quote!(#ident #ty_generics: #runtime::CertifierError));
        openapi_bounds
            .insert_predicate(quote!(Self: #runtime::CertifierError + #runtime::ErrorCatalogue));
    }
    let integration_predicates = comma_list(integration_bounds.predicates(plan.input.generics));
    let openapi_predicates = comma_list(openapi_bounds.predicates(plan.input.generics));

    let name = plan.input.name();
    // Each extension member with its variant's code (the schemas have one subschema per
    // code), the types of the transparent fields, and the members of transparent variants
    // with the type of their inner error, whose every code they join.
    let mut members = Vec::new();
    let mut inner = Vec::new();
    let mut appended = Vec::new();
    for variant in &plan.variants {
        if let Kind::Transparent(index) = &variant.kind {
            inner.push(variant.fields[*index].ty.to_token_stream());
        }
        for member in &variant.members {
            let MemberKind::Extend { name, .. } = &member.kind else {
                continue;
            };
            let field = &variant.fields[member.field];
            // An `Option` member is left out when `None`: describe the inner type.
            let ty = field.option_inner.unwrap_or(field.ty);
            match &variant.kind {
                Kind::Own(own) => {
                    let code = &own.code;
                    members.push(quote!((#code, #name, #ty)));
                }
                Kind::Transparent(index) => {
                    let inner = variant.fields[*index].ty;
                    appended.push(quote!((#inner, #name, #ty)));
                }
            }
        }
    }
    let gate = |integration| gate(runtime, integration, &plan.skipped_impls);
    let (axum, actix_web) = (gate(Integration::Axum), gate(Integration::ActixWeb));
    let tonic = gate(Integration::Tonic);
    let (utoipa, schemars) = (gate(Integration::Utoipa), gate(Integration::Schemars));
    let (members, inner, appended) = (comma_list(members), comma_list(inner), comma_list(appended));
    quote! {
        #private::integrations! {
            runtime = [#runtime],
            impl [#impl_generics] for [#ident #ty_generics] where [#integration_predicates],
            gates = [#axum] [#actix_web] [#tonic],
        }

        #private::openapi! {
            runtime = [#runtime],
            impl [#impl_generics] for [#ident #ty_generics] where [#openapi_predicates],
            gates = [#utoipa] [#schemars],
            name = [#name],
            members = [#members],
            inner = [#inner],
            appended = [#appended],
        }
    }
}

/// The gate an integration's impls pass through in the relays: its feature gate, or
/// `skip` where the type writes them itself (`skip_impl(...)`).
pub fn gate(
    runtime: &TokenStream,
    integration: Integration,
    skipped: &[Integration],
) -> TokenStream {
    let private = Private(runtime);
    if skipped.contains(&integration) {
        quote!(#private::skip)
    } else {
        let gate = quote::format_ident!("if_{}", integration.name());
        quote!(#private::#gate)
    }
}
