//! Bound inference: which where-clause predicates each generated impl needs, added
//! only for field types that mention one of the type's own type parameters.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::{GenericArgument, Generics, Ident, PathArguments, ReturnType, Type, TypeParamBound};

use crate::seen::Seen;

pub struct ParamsInScope<'a> {
    // A type has few parameters: a list is searched as fast as a set.
    names: Vec<&'a Ident>,
}

impl<'a> ParamsInScope<'a> {
    pub fn new(generics: &'a Generics) -> Self {
        ParamsInScope {
            names: generics.type_params().map(|param| &param.ident).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Whether `ty` mentions a type parameter of the derived type.
    pub fn intersects(&self, ty: &Type) -> bool {
        !self.names.is_empty() && self.mentions(ty)
    }

    fn mentions(&self, ty: &Type) -> bool {
        match ty {
            Type::Path(path) => {
                if let Some(qself) = &path.qself {
                    if self.mentions(&qself.ty) {
                        return true;
                    }
                }
                let first_is_param = path.qself.is_none()
                    && path
                        .path
                        .segments
                        .first()
                        .is_some_and(|first| self.names.contains(&&first.ident));
                first_is_param
                    || path.path.segments.iter().any(|segment| match &segment.arguments {
                        PathArguments::AngleBracketed(arguments) => {
                            arguments.args.iter().any(|argument| match argument {
                                GenericArgument::Type(ty) => self.mentions(ty),
                                GenericArgument::AssocType(assoc) => self.mentions(&assoc.ty),
                                _ => false,
                            })
                        }
                        PathArguments::Parenthesized(arguments) => {
                            arguments.inputs.iter().any(|input| self.mentions(&input.ty))
                                || matches!(&arguments.output, ReturnType::Type(_, ty) if self.mentions(ty))
                        }
                        PathArguments::None => false,
                    })
            }
            Type::Array(array) => self.mentions(&array.elem),
            Type::Slice(slice) => self.mentions(&slice.elem),
            Type::Ptr(pointer) => self.mentions(&pointer.elem),
            Type::Reference(reference) => self.mentions(&reference.elem),
            Type::Paren(paren) => self.mentions(&paren.elem),
            Type::Group(group) => self.mentions(&group.elem),
            Type::Tuple(tuple) => tuple.elems.iter().any(|ty| self.mentions(ty)),
            Type::TraitObject(object) => object.bounds.iter().any(|bound| {
                matches!(bound, TypeParamBound::Trait(bound) if bound.path.segments.iter().any(|segment| matches!(&segment.arguments, PathArguments::AngleBracketed(arguments) if arguments.args.iter().any(|argument| matches!(argument, GenericArgument::Type(ty) if self.mentions(ty))))))
            }),
            // Anything else (macros, `impl Trait`, ...) might: bound it to be safe.
            _ => true,
        }
    }
}

/// Where-clause predicates collected for one impl, deduplicated, in first-seen order.
#[derive(Default)]
pub struct Bounds {
    seen: Seen,
    predicates: Vec<TokenStream>,
}

impl Bounds {
    /// `ty: bound`, spanned on `ty` so an unmet bound points at the user's field type.
    pub fn insert(&mut self, ty: &Type, bound: TokenStream) {
        let predicate = quote::quote_spanned!(syn::spanned::Spanned::span(ty)=> #ty: #bound);
        self.insert_predicate(predicate);
    }

    pub fn insert_predicate(&mut self, predicate: TokenStream) {
        if self.seen.is_new(predicate.to_string()) {
            self.predicates.push(predicate);
        }
    }

    /// The type's own where-clause predicates followed by these.
    pub fn predicates(&self, generics: &Generics) -> Vec<TokenStream> {
        let own = generics
            .where_clause
            .iter()
            .flat_map(|clause| clause.predicates.iter().map(ToTokens::to_token_stream));
        own.chain(self.predicates.iter().cloned()).collect()
    }

    /// The impl's where clause: the type's own predicates plus these.
    pub fn where_clause(&self, generics: &Generics) -> TokenStream {
        let predicates = self.predicates(generics);
        if predicates.is_empty() {
            return TokenStream::new();
        }
        quote!(where #(#predicates,)*)
    }
}
