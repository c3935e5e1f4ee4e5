package io.foresail.core.proxy;

import io.foresail.core.http.DownstreamReads;
import io.foresail.core.http.EnvoyInternalHeaders;
import io.foresail.core.http.ForwardedHeaderNames;
import io.foresail.core.http.LocalReplies;
import io.foresail.core.http.MalformedRequests;
import io.foresail.core.http.RequestHeadChecks;
import io.foresail.core.http.ResponseFlag;
import io.foresail.config.table.Forward;
import io.foresail.config.table.ForwardPolicy;
import io.foresail.core.pool.PoolKey;
import io.foresail.core.pool.TransportFailureReasons;
import io.foresail.core.router.ConnectionRoutes;
import io.foresail.core.router.CorsFilter;
import io.foresail.core.router.RequestHeadView;
import io.foresail.core.router.RequestPaths;
import io.foresail.core.router.RequestTargets;
import io.foresail.core.router.RouteDecision;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.time.ProxyClock;
import io.foresail.core.upstream.UpstreamEndpoint;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.SocketAddress;
import java.util.Map;

/**
 * One request and its response, from the decoded request head to the last byte of the response:
 * routes with the snapshot read once at the start, picks an endpoint, sends the request through
 * an {@link UpstreamLeg}, relays the response downstream as the same buffers, and turns failures
 * into Envoy-style local replies with a {@link ResponseFlag}.
 *
 * <p>Runs entirely on the downstream channel's event loop, which is also the upstream channel's.
 * Ownership: every {@link HttpContent} handed to this class is either written on or released.
 *
 * <p>Route actions of the upstream side: the route {@code timeout} (from the end of the request
 * to the end of the response: 504 {@code UT} before the head, the client connection closed after
 * it) and the retry policy ({@link RetryBudget}, {@link RetryConditions}): a try that fails before
 * its response head went downstream — connect failure, reset, per-try timeout, or a response the
 * policy retries on — is closed and, after the jittered back-off, made again on another endpoint
 * when one exists, its body replayed from the {@link RequestReplay}. Timers come from the
 * {@link ProxyClock} of the context.
 *
 * <p>Backpressure: while connecting upstream (or waiting to retry), and while the upstream cannot
 * take more request body, downstream reads stop (each a {@link DownstreamReads.Reason} of the connection's one
 * {@link DownstreamReads}); while the downstream cannot take more response body, upstream reads stop.
 */
final class Exchange implements UpstreamEvents {

    private final ProxyHandler owner;
    private final ChannelHandlerContext downstream;
    private final DownstreamReads reads;
    private final ProxyContext context;
    private final EventLoopUpstreams upstreams;
    private final ConnectionRoutes routes;
    private final HttpRequest request;
    private final String clientAddress;
    private final ProxySnapshot snapshot;
    private final long startNanos;
    private final HttpMethod method;
    private final boolean clientHttp10;
    private boolean bodyExpected;
    private boolean chunkedRequest;
    private boolean keepAlive;
    private String path = "";

    /** The forward decision, for the route's response header operations. */
    private RouteDecision.Forward forwarded;
    private String clusterName;
    private PoolKey upstreamKey;
    private UpstreamLeg leg;
    /** The policy of the forwarding route: timeout, retries, mirrors. */
    private ForwardPolicy policy;
    private RetryBudget retries;
    /** The body kept for a retry; null when the request has none or cannot be retried. */
    private RequestReplay replay;
    /** Whether the current try's request can flow: its connection is attached. */
    private boolean legReady;
    private ProxyClock.Timer routeTimer;
    private ProxyClock.Timer tryTimer;
    private ProxyClock.Timer backoffTimer;
    /** What is answered if the retry being waited for cannot be made after all. */
    private RouteDecision.LocalReply retryFallback;
    /** The route's CORS filter when it adds headers to this request's responses, else null. */
    private CorsFilter cors;
    /** The route's fault drawn for this request, else null. */
    private FaultInjection fault;
    private RequestMirrors mirrors = RequestMirrors.NONE;

    /** What the outcome reports: wall-clock start, routed target, byte counts, the last try. */
    private final long startMillis;
    private String routedTarget;
    private long bytesReceived;
    private long bytesSent;
    private long tryStartNanos;
    private long serviceTimeMillis = -1;
    private UpstreamEndpoint lastEndpoint;
    private SocketAddress upstreamLocalAddress;
    private String transportFailureReason;

    private boolean requestComplete;
    private boolean skippingInformational;
    private boolean upstreamReusable;
    private boolean responseStarted;
    private boolean responseComplete;
    /** A local reply or redirect decided from the head, waiting for the end of the current read. */
    private RouteDecision.Reply deferredReply;
    private boolean finished;
    private int status;
    private ResponseFlag flag = ResponseFlag.NONE;

    Exchange(ProxyHandler owner, ChannelHandlerContext downstream, DownstreamReads reads, ProxyContext context,
             EventLoopUpstreams upstreams, ConnectionRoutes routes, HttpRequest request, String clientAddress) {
        this.owner = owner;
        this.downstream = downstream;
        this.reads = reads;
        this.context = context;
        this.upstreams = upstreams;
        this.routes = routes;
        this.request = request;
        this.clientAddress = clientAddress;
        this.snapshot = context.snapshots().current();
        this.startNanos = context.clock().nanoTime();
        this.startMillis = context.clock().currentTimeMillis();
        this.method = request.method();
        this.clientHttp10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        this.keepAlive = HttpUtil.isKeepAlive(request);
    }

    // ---- request side -------------------------------------------------------------------------

    /** Routes the request and starts forwarding it, or answers it locally. */
    void start() {
        String target = request.uri();
        path = RequestTargets.path(target);
        boolean absoluteForm = RequestTargets.isAbsoluteForm(target);
        RequestHeadChecks.Rejection rejection = RequestHeadChecks.check(request, absoluteForm);
        if (rejection != null) {
            reject(rejection);
            return;
        }
        chunkedRequest = HttpUtil.isTransferEncodingChunked(request);
        bodyExpected = chunkedRequest || RequestHeadChecks.declaredLength(request) > 0;
        String authority = absoluteForm ? RequestTargets.authority(target) : request.headers().get(HttpHeaderNames.HOST);
        if (authority == null) {
            authority = "";
        }
        // As Envoy's normalize_path: routes match, and the upstream receives, the normalised path.
        String normalisedPath = RequestPaths.normalise(path);
        if (normalisedPath == null) {
            respondBeforeBody(RequestPaths.REJECTED);
            return;
        }
        // normalise returns the same instance when the path is already normal; a #fragment is dropped
        if (normalisedPath != path || target.indexOf('#') >= 0) {
            target = RequestPaths.withPath(target, normalisedPath);
            path = normalisedPath;
        }
        EnvoyInternalHeaders.strip(request.headers());
        routedTarget = target;
        if (!request.headers().contains(ForwardedHeaderNames.X_REQUEST_ID)) {
            // Envoy generates it before routing: local answers are logged with one too
            request.headers().set(ForwardedHeaderNames.X_REQUEST_ID, RequestIds.next());
        }
        RouteDecision decision = context.router().route(snapshot, routes,
                new RequestHeadView(method, authority, target, path, request.headers(), routes.secure()));
        if (decision instanceof RouteDecision.Reply reply) {
            respondBeforeBody(reply);
            return;
        }
        RouteDecision.Forward forward = (RouteDecision.Forward) decision;
        clusterName = forward.cluster().name();
        CorsFilter corsFilter = CorsFilter.of(forward.route(), method, request.headers());
        if (corsFilter != null && corsFilter.preflightReply() != null) {
            respondBeforeBody(corsFilter.preflightReply());
            return;
        }
        cors = corsFilter;
        if (forward.route().filters().fault().isPresent() && injectFault(forward, target, authority, absoluteForm)) {
            return;
        }
        startForwarding(forward, target, authority, absoluteForm);
    }

    /**
     * Forwards the routed request (after a fault delay, if any): picks the endpoint, rewrites the
     * head for upstream and opens the upstream leg.
     */
    private void startForwarding(RouteDecision.Forward forward, String target, String authority, boolean absoluteForm) {
        UpstreamEndpoint endpoint = upstreams.balancers().pick(forward.cluster());
        if (endpoint == null) {
            respondBeforeBody(HttpResponseStatus.SERVICE_UNAVAILABLE, ResponseFlag.UH, LocalReplies.NO_HEALTHY_UPSTREAM);
            return;
        }
        boolean expectsContinue = HttpUtil.is100ContinueExpected(request);
        RequestHeadRewriter.rewrite(request, RouteHeadTransforms.upstreamTarget(forward, target, path),
                authority.isEmpty() ? forward.destination().host() : authority,
                absoluteForm, chunkedRequest, clientAddress, routes.secure());
        RouteHeadTransforms.applyToRequest(request, forward, target);
        forwarded = forward;
        policy = ((Forward) forward.route().action()).policy();
        retries = new RetryBudget(policy.retries());
        if (bodyExpected && policy.retries().attempts() > 0) {
            replay = new RequestReplay();
        }
        mirrors = RequestMirrors.start(context, upstreams, snapshot, forward, request);
        if (expectsContinue) {
            // As Envoy (proxy_100_continue off): the client may send the body now that it will be forwarded.
            downstream.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER), downstream.voidPromise());
        }
        startTry(endpoint);
    }

    /**
     * Sends the request to {@code endpoint}: on an idle pooled connection at once, else once
     * connected. A retry sends the body kept so far, and the end of the request when it was read.
     */
    private void startTry(UpstreamEndpoint endpoint) {
        retries.tried(endpoint);
        lastEndpoint = endpoint;
        tryStartNanos = context.clock().nanoTime();
        UpstreamTarget upstreamTarget = UpstreamTarget.of(snapshot, forwarded.cluster(), endpoint,
                request.headers().get(HttpHeaderNames.HOST));
        upstreamKey = upstreamTarget.key();
        legReady = false;
        UpstreamLeg started = new UpstreamLeg(this, upstreams.pool(), upstreamKey, upstreamTarget.sslContext(), request);
        leg = started;
        boolean pooled = started.open();
        if (retries.retried()) {
            if (replay != null) {
                replay.replayTo(started::send);
            }
            if (requestComplete && (replay == null || !replay.complete())) {
                started.send(LastHttpContent.EMPTY_LAST_CONTENT);
            }
            started.flush();
        }
        if (pooled) {
            onLegReady();
        } else {
            reads.suspend(DownstreamReads.Reason.UPSTREAM_CONNECTING);
        }
        startRouteTimer();
    }

    void onUpstreamConnected(boolean writable) {
        reads.resume(DownstreamReads.Reason.UPSTREAM_CONNECTING);
        if (!writable && !requestComplete) {
            reads.suspend(DownstreamReads.Reason.UPSTREAM_UNWRITABLE);
        }
        legReady = true;
        startTryTimer();
    }

    private void onLegReady() {
        reads.resume(DownstreamReads.Reason.UPSTREAM_CONNECTING);
        legReady = true;
        startTryTimer();
    }

    void onUpstreamConnectFailed(Throwable cause) {
        context.counters().upstreamConnectFailures.increment();
        String transportFailure = TransportFailureReasons.of(cause);
        transportFailureReason = transportFailure.isEmpty() ? null : transportFailure;
        retryOrRespond(RetryConditions.coversConnectFailure(retries.policy()), new RouteDecision.LocalReply(
                HttpResponseStatus.SERVICE_UNAVAILABLE, ResponseFlag.UF, transportFailure.isEmpty()
                ? LocalReplies.CONNECT_FAILURE
                : LocalReplies.CONNECT_FAILURE + ", transport failure reason: " + transportFailure));
    }

    // ---- timeouts and retries -----------------------------------------------------------------

    /** Envoy starts the route timeout once the whole request has been read and is being forwarded. */
    private void startRouteTimer() {
        if (routeTimer == null && requestComplete && policy != null && policy.timeout().isPresent() && !finished
                && !responseComplete) {
            routeTimer = context.clock().schedule(downstream.executor(), this::onRouteTimeout,
                    policy.timeout().get().toNanos());
        }
    }

    /** A try's own timeout starts when its connection is attached and the whole request has been read. */
    private void startTryTimer() {
        if (tryTimer == null && legReady && requestComplete && retries.policy().perTryTimeout().isPresent()
                && !finished && !responseComplete) {
            tryTimer = context.clock().schedule(downstream.executor(), this::onPerTryTimeout,
                    retries.policy().perTryTimeout().get().toNanos());
        }
    }

    private void onRouteTimeout() {
        routeTimer = null;
        if (finished || responseComplete) {
            return;
        }
        context.counters().upstreamTimeouts.increment();
        cancelTimers();
        if (responseStarted) {
            abortDownstream(ResponseFlag.UT);
        } else {
            respondLocally(HttpResponseStatus.GATEWAY_TIMEOUT, ResponseFlag.UT, LocalReplies.UPSTREAM_TIMEOUT);
        }
    }

    private void onPerTryTimeout() {
        tryTimer = null;
        if (finished || responseComplete) {
            return;
        }
        context.counters().upstreamTimeouts.increment();
        if (responseStarted) {
            abortDownstream(ResponseFlag.UT);
            return;
        }
        retryOrRespond(RetryConditions.coversPerTryTimeout(retries.policy()), new RouteDecision.LocalReply(
                HttpResponseStatus.GATEWAY_TIMEOUT, ResponseFlag.UT, LocalReplies.UPSTREAM_TIMEOUT));
    }

    /**
     * The current try failed before anything of its response went downstream: tries again when
     * the policy covers the failure ({@code covered}), a retry is left and the body can be sent
     * again; else answers {@code failure}, in Envoy's "retried" wording after retries. Its flag
     * stays the failure's ({@code UF}, {@code UC}, {@code UT}: Envoy logs {@code UF,URX}; the one
     * flag kept here is the cause); {@code URX} alone marks an upstream answer relayed at the limit.
     */
    private void retryOrRespond(boolean covered, RouteDecision.LocalReply failure) {
        if (covered && canRetry()) {
            scheduleRetry(failure);
            return;
        }
        respondLocally(retries.retried()
                ? new RouteDecision.LocalReply(failure.status(), failure.flag(), LocalReplies.afterRetries(failure.body()))
                : failure);
    }

    private boolean canRetry() {
        return retries.hasRetryLeft() && !responseStarted && !finished
                && (replay == null ? !bodyExpected : replay.replayable());
    }

    /** Whether the policy would retry but its attempts are used up (Envoy's {@code URX}). */
    private boolean retryLimitReached() {
        return retries.policy().attempts() > 0 && !retries.hasRetryLeft();
    }

    /** Abandons the current try and waits the back-off before the next one; downstream reads wait too. */
    private void scheduleRetry(RouteDecision.LocalReply fallback) {
        if (leg != null) {
            leg.close();
            leg = null;
        }
        legReady = false;
        cancelTryTimer();
        skippingInformational = false;
        retryFallback = fallback;
        reads.suspend(DownstreamReads.Reason.UPSTREAM_CONNECTING);
        context.counters().upstreamRetries.increment();
        long backoffNanos = retries.takeRetry(context.tickets());
        backoffTimer = context.clock().schedule(downstream.executor(), this::retry, backoffNanos);
    }

    private void retry() {
        backoffTimer = null;
        if (finished) {
            return;
        }
        UpstreamEndpoint endpoint = retries.pickForRetry(upstreams.balancers(), forwarded.cluster());
        if (endpoint == null) {
            respondLocally(HttpResponseStatus.SERVICE_UNAVAILABLE, ResponseFlag.UH, LocalReplies.NO_HEALTHY_UPSTREAM);
            return;
        }
        retryFallback = null;
        startTry(endpoint);
    }

    private void cancelTryTimer() {
        if (tryTimer != null) {
            tryTimer.cancel();
            tryTimer = null;
        }
    }

    private void cancelTimers() {
        cancelTryTimer();
        if (routeTimer != null) {
            routeTimer.cancel();
            routeTimer = null;
        }
        if (backoffTimer != null) {
            backoffTimer.cancel();
            backoffTimer = null;
        }
    }

    /** No retry can follow: the kept body is released. */
    private void releaseReplay() {
        if (replay != null) {
            replay.release();
            replay = null;
        }
    }

    /** A body chunk (possibly the last) of the downstream request. */
    void onRequestContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            content.release();
            if (!finished) {
                rejectMalformed(content.decoderResult().cause());
            }
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (last) {
            requestComplete = true;
        }
        if (fault == null || !fault.delaying()) {
            bytesReceived += content.content().readableBytes();
        }
        if (fault != null && fault.hold(content)) {
            return;
        }
        if (replay != null && !finished && !replay.keep(content)) {
            replayOverflowed();
        }
        mirrors.send(content);
        if (leg != null && !finished) {
            if (!leg.send(content) && !last) {
                reads.suspend(DownstreamReads.Reason.UPSTREAM_UNWRITABLE);
            }
        } else {
            content.release();
        }
        if (last) {
            if (backoffTimer == null) {
                resumeDownstreamReads();
            }
            startRouteTimer();
            startTryTimer();
            if (deferredReply != null) {
                sendDeferredReply();
            } else if (responseComplete && !finished) {
                finish();
            }
        }
    }

    /**
     * The body outgrew the replay buffer: this request can no longer be retried. A retry already
     * waited for is given up, and the failure that called for it answered.
     */
    private void replayOverflowed() {
        replay = null;
        if (backoffTimer != null) {
            backoffTimer.cancel();
            backoffTimer = null;
            respondLocally(retryFallback);
        }
    }

    /** The downstream read burst ended: push what it produced upstream in one flush. */
    void onDownstreamReadComplete() {
        mirrors.flush();
        if (deferredReply != null) {
            sendDeferredReply();
        } else if (leg != null) {
            leg.flush();
        }
    }

    @Override
    public void onUpstreamWritabilityChanged(boolean writable) {
        if (requestComplete || leg == null || leg.isConnecting()) {
            return;
        }
        if (writable) {
            reads.resume(DownstreamReads.Reason.UPSTREAM_UNWRITABLE);
        } else {
            reads.suspend(DownstreamReads.Reason.UPSTREAM_UNWRITABLE);
        }
    }

    /** The client went away. */
    void onDownstreamClosed() {
        if (finished) {
            return;
        }
        context.counters().downstreamClosedEarly.increment();
        flag = ResponseFlag.DC;
        finish();
    }

    void onDownstreamWritabilityChanged(boolean writable) {
        if (leg != null && responseStarted) {
            leg.readResponses(writable);
        }
    }

    /**
     * Applies the fault drawn for this request, if any (Envoy's fault filter): an abort answers at
     * once; a delay holds the request, then aborts or forwards it, and hands on the body chunks
     * that arrived meanwhile.
     *
     * @return false when nothing was drawn: forward now
     */
    private boolean injectFault(RouteDecision.Forward forward, String target, String authority, boolean absoluteForm) {
        fault = FaultInjection.draw(forward, request.headers(), context.tickets());
        if (fault == null) {
            return false;
        }
        if (!fault.delays()) {
            respondBeforeBody(fault.abort());
            return true;
        }
        flag = ResponseFlag.DI;
        fault.delay(downstream.channel().eventLoop(), context.clock(), reads, bodyExpected && !requestComplete, () -> {
            if (fault.abort() != null) {
                respondLocally(fault.abort());
                return;
            }
            startForwarding(forward, target, authority, absoluteForm);
            fault.replayHeld(this::onRequestContent);
            onDownstreamReadComplete();
        });
        return true;
    }

    // ---- response side ------------------------------------------------------------------------

    @Override
    public void onResponseHead(HttpResponse response) {
        if (response.decoderResult().isFailure()
                || response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            // No upgrade is ever asked for (Upgrade is hop-by-hop): a 101 is a protocol error, and
            // the codec would hand over the bytes after it unparsed.
            upstreamProtocolError();
            return;
        }
        if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            // Expect: 100-continue is answered by this exchange and not forwarded; other 1xx are dropped.
            skippingInformational = true;
            return;
        }
        if (RetryConditions.coversResponse(retries.policy(), response.status().code(), response.headers())) {
            if (canRetry()) {
                scheduleRetry(new RouteDecision.LocalReply(response.status(), ResponseFlag.URX, ""));
                return;
            }
            if (retryLimitReached()) {
                flag = ResponseFlag.URX;
            }
        }
        releaseReplay();
        serviceTimeMillis = (context.clock().nanoTime() - tryStartNanos) / 1_000_000;
        upstreamLocalAddress = leg.localAddress();
        response.headers().set(EnvoyInternalHeaders.UPSTREAM_SERVICE_TIME, serviceTimeMillis);
        upstreamReusable = HttpUtil.isKeepAlive(response) && response.protocolVersion().equals(HttpVersion.HTTP_1_1);
        RouteHeadTransforms.applyToResponse(response.headers(), forwarded);
        if (cors != null) {
            cors.applyToResponse(response.headers());
        }
        boolean bodyless = method.equals(HttpMethod.HEAD) || ResponseHeadRewriter.isBodyless(response.status());
        keepAlive = !ResponseHeadRewriter.rewrite(response, bodyless, clientHttp10,
                !keepAlive || !requestComplete || owner.draining(), context.serverHeader());
        status = response.status().code();
        responseStarted = true;
        downstream.write(response, downstream.voidPromise());
        if (!downstream.channel().isWritable()) {
            leg.readResponses(false);
        }
    }

    @Override
    public void onResponseContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            content.release();
            upstreamProtocolError();
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (skippingInformational) {
            content.release();
            skippingInformational = !last;
            return;
        }
        if (!responseStarted || finished) {
            content.release();
            return;
        }
        bytesSent += content.content().readableBytes();
        if (!last) {
            downstream.write(content, downstream.voidPromise());
            if (!downstream.channel().isWritable()) {
                leg.readResponses(false);
            }
            return;
        }
        responseComplete = true;
        cancelTimers();
        if (upstreamReusable && leg.requestSent()) {
            leg.releaseToPool();
        } else {
            leg.close();
        }
        if (!keepAlive) {
            writeLastAndClose(content);
            finish();
        } else {
            downstream.writeAndFlush(content, downstream.voidPromise());
            if (requestComplete) {
                finish();
            }
        }
    }

    /** The upstream read burst ended: push what it produced downstream in one flush. */
    @Override
    public void onUpstreamReadComplete() {
        if (responseStarted && !finished) {
            downstream.flush();
        }
    }

    /** The upstream connection closed while this exchange used it. */
    @Override
    public void onUpstreamClosed() {
        leg.detachClosed();
        if (finished) {
            return;
        }
        if (isSafeToRetry()) {
            // A pooled connection the upstream had already closed: the request never got there.
            skippingInformational = false;
            leg.reopen();
            return;
        }
        context.counters().upstreamResets.increment();
        if (!responseStarted) {
            retryOrRespond(RetryConditions.coversReset(retries.policy()), new RouteDecision.LocalReply(
                    HttpResponseStatus.SERVICE_UNAVAILABLE, ResponseFlag.UC, LocalReplies.CONNECTION_TERMINATION));
        } else {
            abortDownstream(ResponseFlag.UC);
        }
    }

    /**
     * True when a reused connection closed before the upstream sent a single byte and the request
     * can be sent again as a whole on a new one: fully read, without body, with a safe method
     * (RFC 9110 §9.2.1: GET, HEAD, OPTIONS, TRACE). Idempotent but unsafe methods (PUT, DELETE)
     * are not retried: the upstream may have acted on them before closing.
     */
    private boolean isSafeToRetry() {
        return leg.wasReused() && !leg.responseBytesReceived() && !responseStarted
                && requestComplete && !bodyExpected && isSafe(method);
    }

    private static boolean isSafe(HttpMethod method) {
        return method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD) || method.equals(HttpMethod.OPTIONS)
                || method.equals(HttpMethod.TRACE);
    }

    @Override
    public void onUpstreamProtocolError() {
        upstreamProtocolError();
    }

    private void upstreamProtocolError() {
        context.counters().upstreamProtocolErrors.increment();
        leg.close();
        if (finished) {
            return;
        }
        if (!responseStarted) {
            retryOrRespond(RetryConditions.coversReset(retries.policy()), new RouteDecision.LocalReply(
                    HttpResponseStatus.BAD_GATEWAY, ResponseFlag.UPE, LocalReplies.PROTOCOL_ERROR));
        } else {
            abortDownstream(ResponseFlag.UPE);
        }
    }

    // ---- endings ------------------------------------------------------------------------------

    /** The request body is not valid HTTP/1.1 (bad chunk framing, oversized chunk line). */
    private void rejectMalformed(Throwable decoderFailure) {
        context.counters().downstreamProtocolErrors.increment();
        keepAlive = false;
        if (responseStarted) {
            abortDownstream(ResponseFlag.DPE);
        } else {
            respondLocally(MalformedRequests.status(decoderFailure), ResponseFlag.DPE, "");
        }
    }

    /** Refuses a request from its head alone, before routing; the connection closes after the reply. */
    private void reject(RequestHeadChecks.Rejection rejection) {
        if (rejection.flag() == ResponseFlag.DPE) {
            context.counters().downstreamProtocolErrors.increment();
        }
        keepAlive = false;
        respondLocally(rejection.status(), rejection.flag(), "");
    }

    /**
     * Answers a request that was rejected from its head alone. When its body is still arriving,
     * the reply waits for the end of the current read: a body that arrived with the head is
     * discarded and the connection kept; otherwise the reply goes out with {@code connection: close}.
     */
    private void respondBeforeBody(HttpResponseStatus replyStatus, ResponseFlag replyFlag, String body) {
        respondBeforeBody(new RouteDecision.LocalReply(replyStatus, replyFlag, body));
    }

    /** As above, for any reply made here (a local reply or a redirect). */
    private void respondBeforeBody(RouteDecision.Reply reply) {
        if (keepAlive && !requestComplete && bodyExpected) {
            deferredReply = reply;
            flag = reply.flag();
            status = reply.status().code();
            return;
        }
        respondLocally(reply);
    }

    private void sendDeferredReply() {
        respondLocally(deferredReply);
    }

    /**
     * Answers with a response made here. The connection stays open only when the client wants
     * keep-alive and no request body is still to come.
     */
    private void respondLocally(HttpResponseStatus replyStatus, ResponseFlag replyFlag, String body) {
        respondLocally(new RouteDecision.LocalReply(replyStatus, replyFlag, body));
    }

    /** As above, for any reply made here (a local reply or a redirect). */
    private void respondLocally(RouteDecision.Reply reply) {
        if (leg != null) {
            leg.close();
        }
        deferredReply = null;
        flag = reply.flag();
        status = reply.status().code();
        responseStarted = true;
        responseComplete = true;
        boolean close = !keepAlive || (!requestComplete && bodyExpected);
        keepAlive = !close;
        FullHttpResponse response = reply.toResponse(downstream.alloc(), close);
        bytesSent = response.content().readableBytes();
        if (cors != null) {
            cors.applyToResponse(response.headers());
        }
        if (close) {
            writeLastAndClose(response);
            finish();
        } else {
            downstream.writeAndFlush(response, downstream.voidPromise());
            if (requestComplete) {
                finish();
            }
        }
    }

    /** The response head is already out and the rest cannot follow: close the client connection. */
    private void abortDownstream(ResponseFlag abortFlag) {
        flag = abortFlag;
        keepAlive = false;
        reads.closing();
        downstream.close();
        finish();
    }

    /**
     * Writes the last message of the connection and closes it once written. The connection is
     * marked closing first, so the pipelining gate serves nothing more, whatever it holds.
     */
    private void writeLastAndClose(Object last) {
        reads.closing();
        downstream.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
    }

    /** Ends the exchange once: the upstream connection is closed unless it went back to the pool. */
    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimers();
        releaseReplay();
        if (leg != null) {
            leg.close();
        }
        if (fault != null) {
            fault.cancel();
        }
        if (!requestComplete) {
            mirrors.abandon();
        }
        resumeDownstreamReads();
        owner.exchangeFinished(this);
        context.observer().onComplete(outcome());
    }

    private ExchangeOutcome outcome() {
        HttpHeaders headers = request.headers();
        ExchangeOutcome.Downstream downstreamFacts = new ExchangeOutcome.Downstream(startMillis,
                clientHttp10 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1,
                routedTarget == null ? request.uri() : RequestTargets.originForm(routedTarget),
                headers.get(HttpHeaderNames.HOST), headers.get(HttpHeaderNames.USER_AGENT),
                headers.get(ForwardedHeaderNames.X_FORWARDED_FOR), headers.get(ForwardedHeaderNames.X_REQUEST_ID),
                downstream.channel().remoteAddress(), downstream.channel().localAddress(), routes.requestedServerName(),
                bytesReceived, bytesSent);
        ExchangeOutcome.Forwarded forwardedFacts = forwarded == null ? null : new ExchangeOutcome.Forwarded(
                forwarded.route().name(), forwarded.destination().host(),
                lastEndpoint == null ? Map.of() : lastEndpoint.endpoint().labels(), upstreamLocalAddress,
                serviceTimeMillis, transportFailureReason, retries.triesMade());
        return new ExchangeOutcome(routes.gatewayPort(), method, path, status, flag, clusterName, upstreamKey,
                context.clock().nanoTime() - startNanos, snapshot.version(), downstreamFacts, forwardedFacts);
    }

    /** The request body is complete or no longer wanted: nothing of this exchange holds downstream reads. */
    private void resumeDownstreamReads() {
        reads.resume(DownstreamReads.Reason.UPSTREAM_CONNECTING);
        reads.resume(DownstreamReads.Reason.UPSTREAM_UNWRITABLE);
    }
}
