package org.bowline.container.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;

import org.junit.jupiter.api.Test;

/**
 * Deployment-time rules for annotated endpoints (Jakarta WebSocket 2.2 chapter 4 and the Javadoc of
 * {@code @OnOpen}, {@code @OnClose}, {@code @OnError}, {@code @OnMessage}, {@code @PathParam}); the
 * invalid classes mirror the TCK's negdep endpoints. Each refusal must name the class and the method.
 */
class AnnotatedEndpointValidationTest {

    // ---- helpers ----

    private static AnnotatedEndpointModel model(Class<?> type) throws DeploymentException {
        return AnnotatedEndpointModel.of(type, List.of(), List.of());
    }

    private static void assertRefused(Class<?> type, String method, String rule) {
        assertRefused(type, List.of(), List.of(), method, rule);
    }

    private static void assertRefused(Class<?> type, List<Class<? extends Decoder>> decoders,
                                      List<Class<? extends Encoder>> encoders, String method, String rule) {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> AnnotatedEndpointModel.of(type, decoders, encoders));
        String message = e.getMessage();
        assertTrue(message.contains(type.getName()), "names the class: " + message);
        assertTrue(message.contains("." + method + "("), "names the method " + method + ": " + message);
        assertTrue(message.contains(rule), "states the rule '" + rule + "': " + message);
    }

    public static class StringHolder {
    }

    public static class HolderDecoder implements Decoder.Text<StringHolder> {
        @Override
        public StringHolder decode(String s) {
            return new StringHolder();
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    /** A decoder whose type comes through a generic base class. */
    public abstract static class BinaryBase<T> implements Decoder.Binary<T> {
        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return true;
        }
    }

    public static class BinaryHolderDecoder extends BinaryBase<StringHolder> {
        @Override
        public StringHolder decode(ByteBuffer bytes) throws DecodeException {
            return new StringHolder();
        }
    }

    public static class HolderEncoder implements Encoder.Text<StringHolder> {
        @Override
        public String encode(StringHolder object) throws EncodeException {
            return "holder";
        }
    }

    public static class NotReallyADecoder implements Decoder {
    }

    // ---- section 4.4 / 4.5 / 4.6: one @OnOpen, @OnClose, @OnError ----

    public static class TwoOnOpen {
        @OnOpen
        public void first(Session s) {
        }

        @OnOpen
        public void second(Session s) {
        }
    }

    @Test
    void onOpen_atMostOnePerEndpoint() {
        assertRefused(TwoOnOpen.class, "second", "only one @OnOpen");
    }

    public static class TwoOnClose {
        @OnClose
        public void first() {
        }

        @OnClose
        public void second(Session s) {
        }
    }

    @Test
    void onClose_atMostOnePerEndpoint() {
        assertRefused(TwoOnClose.class, "second", "only one @OnClose");
    }

    public static class TwoOnError {
        @OnError
        public void first(Throwable t) {
        }

        @OnError
        public void second(Throwable t) {
        }
    }

    @Test
    void onError_atMostOnePerEndpoint() {
        assertRefused(TwoOnError.class, "second", "only one @OnError");
    }

    // ---- allowed lifecycle parameters ----

    public static class OnOpenTooManyArgs {
        @OnOpen
        public void onOpen(Session session, String thisShouldNotBeHere) {
        }
    }

    @Test
    void onOpen_takesOnlySessionEndpointConfigAndPathParams() {
        assertRefused(OnOpenTooManyArgs.class, "onOpen", "parameter 2 of type java.lang.String is not allowed");
    }

    public static class OnCloseTooManyArgs {
        @OnClose
        public void onClose(Session session, Exception thisShouldNotBeHere) {
        }
    }

    @Test
    void onClose_takesOnlySessionCloseReasonAndPathParams() {
        assertRefused(OnCloseTooManyArgs.class, "onClose", "parameter 2 of type java.lang.Exception is not allowed");
    }

    public static class OnErrorTooManyArgs {
        @OnError
        public void onError(Session session, Throwable t, CloseReason reason) {
        }
    }

    @Test
    void onError_takesOnlySessionThrowableAndPathParams() {
        assertRefused(OnErrorTooManyArgs.class, "onError", "parameter 3 of type jakarta.websocket.CloseReason");
    }

    public static class OnErrorWithoutThrowable {
        @OnError
        public void onError(Session session) {
        }
    }

    @Test
    void onError_throwableParameterIsMandatory() {
        assertRefused(OnErrorWithoutThrowable.class, "onError", "must have a Throwable parameter");
    }

    public static class OnOpenTwoConfigs {
        @OnOpen
        public void onOpen(EndpointConfig a, EndpointConfig b) {
        }
    }

    @Test
    void onOpen_endpointConfigAtMostOnce() {
        assertRefused(OnOpenTwoConfigs.class, "onOpen", "parameter 2 of type jakarta.websocket.EndpointConfig");
    }

    // ---- @OnMessage: one per native kind ----

    public static class TextDuplicate {
        @OnMessage
        public String echo(Reader reader) {
            return "";
        }

        @OnMessage
        public String echo(String text, boolean last) {
            return text;
        }
    }

    @Test
    void onMessage_atMostOneForText() {
        assertRefused(TextDuplicate.class, "echo", "second @OnMessage method for text messages");
    }

    public static class BinaryDuplicate {
        @OnMessage
        public void stream(InputStream in) {
        }

        @OnMessage
        public void bytes(byte[] data, boolean last) {
        }
    }

    @Test
    void onMessage_atMostOneForBinary() {
        assertRefused(BinaryDuplicate.class, "stream", "second @OnMessage method for binary messages");
    }

    public static class PongDuplicate {
        @OnMessage
        public void a(PongMessage pong) {
        }

        @OnMessage
        public void b(PongMessage pong, Session session) {
        }
    }

    @Test
    void onMessage_atMostOneForPong() {
        assertRefused(PongDuplicate.class, "b", "second @OnMessage method for pong messages");
    }

    public static class TextAndDecodedText {
        @OnMessage
        public void text(String s) {
        }

        @OnMessage
        public void holder(StringHolder h) {
        }
    }

    @Test
    void onMessage_aTextDecoderTypeCountsAsText() {
        assertRefused(TextAndDecodedText.class, List.of(HolderDecoder.class), List.of(), "text",
                "second @OnMessage method for text messages");
    }

    // ---- @OnMessage: allowed parameters ----

    public static class TextStringInt {
        @OnMessage
        public String echo(String echo, int i) {
            return echo;
        }
    }

    @Test
    void onMessage_stringWithAnIntIsRefused() {
        assertRefused(TextStringInt.class, "echo", "two message parameters");
    }

    public static class BinaryByteBufferInt {
        @OnMessage
        public String echo(ByteBuffer buffer, int finito) {
            return "";
        }
    }

    @Test
    void onMessage_byteBufferWithAnIntIsRefused() {
        assertRefused(BinaryByteBufferInt.class, "echo", "two message parameters");
    }

    public static class ReaderBoolean {
        @OnMessage
        public void echo(Reader reader, boolean last) {
        }
    }

    @Test
    void onMessage_readerCannotBePartial() {
        assertRefused(ReaderBoolean.class, "echo", "cannot be received in parts");
    }

    public static class InputStreamBoolean {
        @OnMessage
        public void echo(InputStream stream, boolean last) {
        }
    }

    @Test
    void onMessage_inputStreamCannotBePartial() {
        assertRefused(InputStreamBoolean.class, "echo", "cannot be received in parts");
    }

    public static class PongBoolean {
        @OnMessage
        public void echo(PongMessage pong, boolean last) {
        }
    }

    @Test
    void onMessage_pongCannotBePartial() {
        assertRefused(PongBoolean.class, "echo", "cannot be received in parts");
    }

    public static class BigDecimalText {
        @OnMessage
        public String echo(BigDecimal value) {
            return value.toString();
        }
    }

    @Test
    void onMessage_aTypeWithoutDecoderIsRefused() {
        assertRefused(BigDecimalText.class, "echo", "java.math.BigDecimal is not a message type");
    }

    public static class HolderOnly {
        @OnMessage
        public void holder(StringHolder h) {
        }
    }

    @Test
    void onMessage_aDecoderForAnotherTypeDoesNotHelp() {
        assertRefused(BigDecimalText.class, List.of(HolderDecoder.class), List.of(), "echo", "decoders: "
                + HolderDecoder.class.getName());
    }

    @Test
    void onMessage_aDecodedTypeTakesTheDecodersKind() throws DeploymentException {
        assertEquals(Set.of(MessageKind.TEXT),
                AnnotatedEndpointModel.of(HolderOnly.class, List.of(HolderDecoder.class), List.of()).messageKinds());
        assertEquals(Set.of(MessageKind.BINARY),
                AnnotatedEndpointModel.of(HolderOnly.class, List.of(BinaryHolderDecoder.class), List.of())
                        .messageKinds());
    }

    public static class BinaryOnly {
        @OnMessage
        public void bytes(ByteBuffer data) {
        }

        @OnMessage
        public void holder(StringHolder h) {
        }
    }

    @Test
    void onMessage_aTypeWithTextAndBinaryDecodersTakesBothKinds() throws DeploymentException {
        assertEquals(Set.of(MessageKind.TEXT, MessageKind.BINARY), AnnotatedEndpointModel.of(HolderOnly.class,
                List.of(HolderDecoder.class, BinaryHolderDecoder.class), List.of()).messageKinds());
        assertRefused(BinaryOnly.class, List.of(HolderDecoder.class, BinaryHolderDecoder.class), List.of(), "bytes",
                "second @OnMessage method for binary messages");
    }

    public static class ReaderDecoder implements Decoder.Text<Reader> {
        @Override
        public Reader decode(String s) {
            return new java.io.StringReader(s);
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    public static class ReaderEndpoint {
        @OnMessage
        public void read(Reader r) {
        }
    }

    @Test
    void onMessage_decodersComeBeforeBuiltInTypes() throws DeploymentException {
        assertEquals(Set.of(MessageKind.TEXT),
                AnnotatedEndpointModel.of(ReaderEndpoint.class, List.of(ReaderDecoder.class), List.of()).messageKinds());
    }

    @SuppressWarnings("rawtypes")
    public static class RawDecoder implements Decoder.Text {
        @Override
        public Object decode(String s) {
            return s;
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    @Test
    void decoders_mustFixTheirTypeParameter() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> AnnotatedEndpointModel.of(HolderOnly.class, List.of(RawDecoder.class), List.of()));
        assertTrue(e.getMessage().contains(RawDecoder.class.getName())
                && e.getMessage().contains("does not fix the type parameter"), e.getMessage());
    }

    @Test
    void decoders_mustImplementATextOrBinaryDecoder() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> AnnotatedEndpointModel.of(HolderOnly.class, List.of(NotReallyADecoder.class), List.of()));
        assertTrue(e.getMessage().contains(HolderOnly.class.getName())
                && e.getMessage().contains(NotReallyADecoder.class.getName()), e.getMessage());
    }

    public static class NoMessage {
        @OnMessage
        public void nothing(Session session) {
        }
    }

    @Test
    void onMessage_needsAMessageParameter() {
        assertRefused(NoMessage.class, "nothing", "no message parameter");
    }

    public static class ThreeFree {
        @OnMessage
        public void many(String a, boolean b, int c) {
        }
    }

    @Test
    void onMessage_atMostAMessageAndALastFlag() {
        assertRefused(ThreeFree.class, "many", "3 parameters that are neither Session nor @PathParam");
    }

    // ---- @OnMessage: return types ----

    public static class ReturnsHolder {
        @OnMessage
        public StringHolder echo(String s) {
            return new StringHolder();
        }
    }

    @Test
    void onMessage_returnTypeNeedsAnEncoder() throws DeploymentException {
        assertRefused(ReturnsHolder.class, "echo", "return type " + StringHolder.class.getName() + " cannot be sent");
        AnnotatedEndpointModel.of(ReturnsHolder.class, List.of(), List.of(HolderEncoder.class));
    }

    // ---- @PathParam ----

    public static class OnOpenHolderPathParam {
        @OnOpen
        public void onOpen(Session session, @PathParam("arg") StringHolder holder) {
        }
    }

    public static class OnCloseHolderPathParam {
        @OnClose
        public void onClose(@PathParam("arg") StringBuilder holder) {
        }
    }

    public static class OnErrorHolderPathParam {
        @OnError
        public void onError(Session session, Throwable t, @PathParam("arg") StringHolder holder) {
        }
    }

    public static class OnMessageHolderPathParam {
        @OnMessage
        public void echo(String text, @PathParam("arg") StringHolder holder) {
        }
    }

    @Test
    void pathParam_onlyStringPrimitivesAndWrappers() {
        String rule = "a @PathParam must be a String, a primitive or a primitive wrapper";
        assertRefused(OnOpenHolderPathParam.class, "onOpen", rule);
        assertRefused(OnCloseHolderPathParam.class, "onClose", rule);
        assertRefused(OnErrorHolderPathParam.class, "onError", rule);
        // A decoder for the type does not make it a valid path parameter (TCK invalidpathparamtype/pasrv).
        assertRefused(OnMessageHolderPathParam.class, List.of(HolderDecoder.class), List.of(), "echo", rule);
    }

    public static class AllPathParamTypes {
        @OnOpen
        public void onOpen(@PathParam("s") String s, @PathParam("i") int i, @PathParam("l") Long l,
                           @PathParam("b") boolean b, @PathParam("c") char c, @PathParam("d") Double d) {
        }
    }

    @Test
    void pathParam_namesAreCollected() throws DeploymentException {
        assertEquals(Set.of("s", "i", "l", "b", "c", "d"), model(AllPathParamTypes.class).pathParamNames());
    }

    // ---- methods ----

    public static class NotPublic {
        @OnMessage
        void echo(String s) {
        }
    }

    @Test
    void methods_mustBePublic() {
        assertRefused(NotPublic.class, "echo", "must be public");
    }

    public static class StaticCallback {
        @OnOpen
        public static void open(Session s) {
        }
    }

    @Test
    void methods_mustNotBeStatic() {
        assertRefused(StaticCallback.class, "open", "must not be static");
    }

    public static class TwoAnnotations {
        @OnOpen
        @OnClose
        public void both(Session s) {
        }
    }

    @Test
    void methods_carryOneCallbackAnnotation() {
        assertRefused(TwoAnnotations.class, "both", "only one of @OnOpen, @OnClose, @OnError and @OnMessage");
    }

    public abstract static class Abstract {
        @OnMessage
        public void echo(String s) {
        }
    }

    @Test
    void endpoint_mustBeConcrete() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> model(Abstract.class));
        assertTrue(e.getMessage().contains(Abstract.class.getName()) && e.getMessage().contains("concrete class"),
                e.getMessage());
    }

    // ---- every valid form is accepted ----

    public static class EveryForm {
        @OnOpen
        public void open(EndpointConfig config, Session session, @PathParam("p") String p) {
        }

        @OnMessage(maxMessageSize = 100)
        public int text(@PathParam("n") int n, String text, boolean last, Session session) {
            return n;
        }

        @OnMessage
        public byte[] binary(Session session, InputStream in) {
            return new byte[0];
        }

        @OnMessage
        public void pong(PongMessage pong) {
        }

        @OnClose
        public void close(CloseReason reason) {
        }

        @OnError
        public void error(Throwable t, @PathParam("p") String p, Session session) {
        }
    }

    @Test
    void validFormsAreAcceptedInAnyParameterOrder() throws DeploymentException {
        AnnotatedEndpointModel model = model(EveryForm.class);
        assertEquals(Set.of(MessageKind.TEXT, MessageKind.BINARY, MessageKind.PONG), model.messageKinds());
        MessageMethod text = model.messageMethods().stream().filter(m -> m.kinds().contains(MessageKind.TEXT))
                .findFirst().orElseThrow();
        assertTrue(text.partial());
        assertEquals(String.class, text.messageType());
        assertEquals(100, text.maxMessageSize());
        assertEquals(Set.of("p", "n"), model.pathParamNames());
    }

    public static class Primitive {
        @OnMessage
        public void number(double value) {
        }
    }

    @Test
    void primitivesAreTextMessagesOfTheirWrapperType() throws DeploymentException {
        MessageMethod m = model(Primitive.class).messageMethods().get(0);
        assertEquals(Set.of(MessageKind.TEXT), m.kinds());
        assertEquals(Double.class, m.messageType());
    }

    @Test
    void theModelIsBuiltOncePerClassAndCoders() throws DeploymentException {
        assertSame(model(EveryForm.class), model(EveryForm.class));
        assertSame(AnnotatedEndpointModel.of(HolderOnly.class, List.of(HolderDecoder.class), List.of()),
                AnnotatedEndpointModel.of(HolderOnly.class, List.of(HolderDecoder.class), List.of()));
    }

    // ---- inheritance (TCK spec/annotation/inheritance) ----

    public static class Base {
        @OnOpen
        public void onOpen(Session session, EndpointConfig config) {
        }

        @OnMessage
        public void onMessage(String msg) {
        }

        @OnClose
        public void onClose(Session session, CloseReason reason) {
        }

        @OnError
        public void onError(Session session, Throwable t) {
        }
    }

    public static class InheritsEverything extends Base {
    }

    @Test
    void inheritance_annotatedMethodsOfSuperclassesCount() throws DeploymentException {
        AnnotatedEndpointModel model = model(InheritsEverything.class);
        assertEquals(Set.of(MessageKind.TEXT), model.messageKinds());
        assertTrue(model.onOpen() != null && model.onClose() != null && model.onError() != null);
    }

    public static class OverridesWithAnnotations extends Base {
        @Override
        @OnOpen
        public void onOpen(Session session, EndpointConfig config) {
        }

        @Override
        @OnMessage
        public void onMessage(String msg) {
        }
    }

    @Test
    void inheritance_anAnnotatedOverrideIsNotADuplicate() throws DeploymentException {
        AnnotatedEndpointModel model = model(OverridesWithAnnotations.class);
        assertTrue(model.onOpen().description().startsWith("OverridesWithAnnotations.onOpen"),
                model.onOpen().description());
    }

    public static class OverridesWithoutAnnotation extends Base {
        @Override
        public void onMessage(String msg) {
        }
    }

    @Test
    void inheritance_anOverrideWithoutTheAnnotationDropsIt() throws DeploymentException {
        assertEquals(Set.of(), model(OverridesWithoutAnnotation.class).messageKinds());
    }

    public static class AddsSecondOnOpen extends Base {
        @OnOpen
        public void open(Session session, EndpointConfig config) {
        }
    }

    public static class AddsSecondOnMessage extends Base {
        @OnMessage
        public void gotMessage(String msg) {
        }
    }

    public static class AddsSecondOnClose extends Base {
        @OnClose
        public void close(Session session, CloseReason reason) {
        }
    }

    public static class AddsSecondOnError extends Base {
        @OnError
        public void gotError(Session session, Throwable t) {
        }
    }

    @Test
    void inheritance_aSubclassCannotAddASecondCallback() {
        assertRefused(AddsSecondOnOpen.class, "onOpen", "only one @OnOpen");
        assertRefused(AddsSecondOnMessage.class, "onMessage", "second @OnMessage method for text messages");
        assertRefused(AddsSecondOnClose.class, "onClose", "only one @OnClose");
        assertRefused(AddsSecondOnError.class, "onError", "only one @OnError");
    }
}
