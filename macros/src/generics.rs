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
        let mut names = Vec::new();
        for param in generics.type_params() {
            names.push(&param.ident);
        }
        ParamsInScope { names }
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
                first_is_param || self.mentioned_in_arguments(&path.path, true)
            }
            Type::Array(array) => self.mentions(&array.elem),
            Type::Slice(slice) => self.mentions(&slice.elem),
            Type::Ptr(pointer) => self.mentions(&pointer.elem),
            Type::Reference(reference) => self.mentions(&reference.elem),
            Type::Paren(paren) => self.mentions(&paren.elem),
            Type::Group(group) => self.mentions(&group.elem),
            Type::Tuple(tuple) => {
                for ty in &tuple.elems {
                    if self.mentions(ty) {
                        return true;
                    }
                }
                false
            }
            Type::TraitObject(object) => {
                for bound in &object.bounds {
                    if let TypeParamBound::Trait(bound) = bound {
                        if self.mentioned_in_arguments(&bound.path, false) {
                            return true;
                        }
                    }
                }
                false
            }
            // Anything else (macros, `impl Trait`, ...) might: bound it to be safe.
            _ => true,
        }
    }

    /// Whether the generic arguments of `path`'s segments mention a parameter: its
    /// type arguments, and for a type path also associated types and `Fn(..) -> ..`.
    fn mentioned_in_arguments(&self, path: &syn::Path, in_type: bool) -> bool {
        for segment in &path.segments {
            match &segment.arguments {
                PathArguments::AngleBracketed(arguments) => {
                    for argument in &arguments.args {
                        let mentions = match argument {
                            GenericArgument::Type(ty) => self.mentions(ty),
                            GenericArgument::AssocType(assoc) if in_type => {
                                self.mentions(&assoc.ty)
                            }
                            _ => false,
                        };
                        if mentions {
                            return true;
                        }
                    }
                }
                PathArguments::Parenthesized(arguments) if in_type => {
                    for input in &arguments.inputs {
                        if self.mentions(&input.ty) {
                            return true;
                        }
                    }
                    if matches!(&arguments.output, ReturnType::Type(_, ty) if self.mentions(ty)) {
                        return true;
                    }
                }
                PathArguments::Parenthesized(_) | PathArguments::None => {}
            }
        }
        false
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
        let mut predicates = Vec::new();
        if let Some(clause) = &generics.where_clause {
            for predicate in &clause.predicates {
                predicates.push(predicate.to_token_stream());
            }
        }
        predicates.extend_from_slice(&self.predicates);
        predicates
    }

    /// The impl's where clause: the type's own predicates plus these.
    pub fn where_clause(&self, generics: &Generics) -> TokenStream {
        let predicates = self.predicates(generics);
        if predicates.is_empty() {
            return TokenStream::new();
        }
        let predicates = crate::expand::comma_list(predicates);
        quote!(where #predicates)
    }
}
