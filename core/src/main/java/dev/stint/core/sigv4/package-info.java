/**
 * AWS Signature Version 4: {@link dev.stint.core.sigv4.SigV4Signer} signs requests (Authorization
 * header or presigned query) and {@link dev.stint.core.sigv4.SigV4Verifier} checks them the way AWS
 * services do, with AWS's error codes and messages ({@link dev.stint.core.sigv4.SigV4Exception}).
 * Both work on {@link dev.stint.core.sigv4.HttpRequestParts}, the request as it travels, and share
 * one canonicalisation. JDK only.
 */
package dev.stint.core.sigv4;
