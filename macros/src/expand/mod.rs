//! Code generation from a resolved [`Plan`]: one module per generated item. Every
//! emitter takes the plan, which also carries the runtime path and the type's generics.

mod catalogue;
mod display;
mod error;
mod escape;
pub mod from;
mod members;
pub mod paths;
pub mod relays;
mod serialize;
mod trait_impl;
mod translatable;
mod writer;

use proc_macro2::{Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned, ToTokens, TokenStreamExt};

use self::paths::{DEBUG, DISPLAY};
use crate::generics::Bounds;
use crate::plan::{FieldPlan, Kind, Own, Plan, VariantPlan};
use crate::seen::Seen;

pub fn derive(plan: &Plan) -> TokenStream {
    let certifier_error = trait_impl::certifier_error_impl(plan);
    let display = display::display_impl(plan);
    let error = error::error_impl(plan);
    let serialize = serialize::serialize_impl(plan);
    let from = from::from_impls(plan);
    let catalogue = catalogue::catalogue_impl(plan);
    let relays = relays::relays(plan);
    let allows = &plan.field_allows;
    quote! {
        #(#allows)*
        const _: () = {
            #certifier_error
            #display
            #error
            #serialize
            #from
            #catalogue
            #relays
        };
    }
}

impl Plan<'_> {
    /// `impl<..> #trait_ for Type<..> where ..` with the given extra bounds.
    pub fn impl_header(&self, trait_: &TokenStream, bounds: &Bounds) -> TokenStream {
        let ident = self.type_ident();
        let (impl_generics, ty_generics, _) = self.input.generics.split_for_impl();
        let where_clause = bounds.where_clause(self.input.generics);
        quote! {
            #[automatically_derived]
            impl #impl_generics #trait_ for #ident #ty_generics #where_clause
        }
    }

    /// The type's name, resolved at the call site: a `#[deprecated]` type then warns at
    /// its own uses, not in the impls derived for it.
    pub fn type_ident(&self) -> syn::Ident {
        let mut ident = self.input.ident.clone();
        ident.set_span(ident.span().resolved_at(proc_macro2::Span::call_site()));
        ident
    }

    /// For a generic type, `Self: Debug + Display`: the supertraits, whatever bounds the
    /// user's `Debug` derive chose.
    pub fn supertrait_bounds(&self) -> Bounds {
        let mut bounds = Bounds::default();
        if self.is_generic() {
            bounds.insert_predicate(quote!(Self: #DEBUG + #DISPLAY));
        }
        bounds
    }

    /// `match self { arm for each variant }`, or `match *self {}` for an empty enum.
    pub fn match_variants(&self, arm: &dyn Fn(&VariantPlan) -> TokenStream) -> TokenStream {
        self.match_variants_or(&|variant| Some(arm(variant)), TokenStream::new())
    }

    /// [`Plan::match_variants`] where the variants for which `arm` gives `None` share one
    /// last `_ => rest` arm: less code for every user to compile. Only `rest` where no
    /// variant has an arm of its own.
    pub fn match_variants_or(
        &self,
        arm: &dyn Fn(&VariantPlan) -> Option<TokenStream>,
        rest: TokenStream,
    ) -> TokenStream {
        let mut arms = Vec::with_capacity(self.variants.len());
        for variant in &self.variants {
            arms.push(arm(variant));
        }
        self.match_arms_or(arms, rest)
    }

    /// The `match` of [`Plan::match_variants_or`], from each variant's arm (in variant
    /// order) or `None`.
    fn match_arms_or(&self, arms: Vec<Option<TokenStream>>, rest: TokenStream) -> TokenStream {
        if self.variants.is_empty() {
            return quote!(match *self {});
        }
        let count = arms.len();
        let mut own_arms = Vec::with_capacity(count);
        for arm in arms {
            if let Some(arm) = arm {
                own_arms.push(arm);
            }
        }
        if own_arms.is_empty() {
            return rest;
        }
        let rest = (own_arms.len() < count).then(|| quote!(_ => #rest,));
        let allow = self.allow_deprecated();
        let arms = joined(own_arms);
        quote! {
            #allow
            match self { #arms #rest }
        }
    }

    /// `<FieldType as CertifierError>::method(binding)`, spanned on the field so a type
    /// that is not a `CertifierError` is reported there.
    pub fn delegate(&self, field: &FieldPlan, method: TokenStream) -> TokenStream {
        self.delegate_with(field, method, &TokenStream::new())
    }

    /// [`Plan::delegate`] with more arguments after the field, each preceded by `,`.
    pub fn delegate_with(
        &self,
        field: &FieldPlan,
        method: TokenStream,
        more: &TokenStream,
    ) -> TokenStream {
        let runtime = &self.runtime;
        let ty = field.ty;
        let binding = &field.binding;
        quote_spanned!(field.span=> <#ty as #runtime::CertifierError>::#method(#binding #more))
    }

    /// A `match` where each transparent variant delegates `method` to its field and the
    /// others answer `answer(..)`, binding no field. `key` is equal exactly where the
    /// answers are; the answer most variants share (at least two) is given once, by a
    /// last `_` arm: less code for every user to compile. Each answer is built once, as
    /// token trees: most are one literal, which joins its arm as a token, where a token
    /// stream would be joined to it in a call to the compiler.
    pub fn delegate_or(
        &self,
        method: TokenStream,
        key: &dyn Fn(&Own) -> String,
        answer: &dyn Fn(&Own) -> Vec<TokenTree>,
    ) -> TokenStream {
        // Each variant's answer, as the position its key was first seen at. Counted in
        // one pass: a large enum asks this of every variant.
        let mut firsts = Seen::default();
        let mut counts: Vec<usize> = Vec::new();
        let mut keys: Vec<Option<usize>> = Vec::with_capacity(self.variants.len());
        for variant in &self.variants {
            let Kind::Own(own) = &variant.kind else {
                keys.push(None);
                continue;
            };
            let at = counts.len();
            let first = firsts.first(key(own), at).unwrap_or(at);
            if first == at {
                counts.push(0);
            }
            counts[first] += 1;
            keys.push(Some(first));
        }
        // The most common answer; among equals, the last.
        let mut shared: Option<(usize, usize)> = None;
        for key in &keys {
            let Some(key) = *key else {
                continue;
            };
            let count = counts[key];
            if count >= 2 && shared.map_or(true, |(_, best)| count >= best) {
                shared = Some((key, count));
            }
        }
        let shared = shared.map(|(key, _)| key);
        let is_shared = |key: &Option<usize>| shared.is_some() && *key == shared;
        let mut rest = Vec::new();
        let mut arms = Vec::new();
        for (variant, key) in self.variants.iter().zip(&keys) {
            arms.push(match &variant.kind {
                Kind::Transparent(index) => {
                    let pattern = variant.pattern_one(*index);
                    let call = self.delegate(&variant.fields[*index], method.clone());
                    Some(quote!(#pattern => #call,))
                }
                // The shared answer, built once, from the first variant that gives it.
                Kind::Own(own) if is_shared(key) => {
                    if rest.is_empty() {
                        rest = answer(own);
                    }
                    None
                }
                Kind::Own(own) => {
                    let pattern = variant.pattern_none();
                    let value = answer(own);
                    Some(quote!(#pattern => #(#value)*,))
                }
            });
        }
        self.match_arms_or(arms, crate::fmt::stream_of(rest))
    }

    /// `#[allow(deprecated)]` where the type names a deprecated variant or field.
    pub fn allow_deprecated(&self) -> Option<TokenStream> {
        self.names_deprecated.then(|| quote!(#[allow(deprecated)]))
    }

    /// Bounds by `CertifierError` each transparent field whose type uses a parameter:
    /// every method the derive writes for such a variant asks its field.
    pub fn bound_transparent_fields(&self, bounds: &mut Bounds) {
        let runtime = &self.runtime;
        for variant in &self.variants {
            if let Kind::Transparent(index) = variant.kind {
                let field = &variant.fields[index];
                if field.uses_param {
                    bounds.insert(field.ty, quote!(#runtime::CertifierError));
                }
            }
        }
    }

    /// Whether any variant is transparent.
    pub fn has_transparent(&self) -> bool {
        self.any_variant(&|variant| variant.transparent_field().is_some())
    }
}

/// `items` joined in one step: the compiler joins a list of token streams in one call,
/// where `quote!`'s `#(#items)*` or an `extend` by each stream hands it each one in a
/// call of its own, which for the arms and entries of a large enum is much of the
/// derive's time.
pub fn joined(items: Vec<TokenStream>) -> TokenStream {
    items.into_iter().collect()
}

/// `items`, each followed by a comma, [`joined`].
pub fn comma_list(mut items: Vec<TokenStream>) -> TokenStream {
    for item in &mut items {
        item.append(Punct::new(',', Spacing::Alone));
    }
    joined(items)
}

/// A local of the generated code, named at the call site.
pub fn local(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The direct writer's two locals, `__out, __failure`, named at the call site (see
/// `members::member_writes`). Written as two identifiers and a comma: a token stream
/// would be joined to the code around it in a call to the compiler of its own.
pub struct WriterArgs;

impl ToTokens for WriterArgs {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.append(local("__out"));
        tokens.append(Punct::new(',', Spacing::Alone));
        tokens.append(local("__failure"));
    }
}
