package io.hopfieldstream.retriever.cuda;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * JavaCPP pointers that carry a raw device address, for library calls that take typed pointers
 * (cuBLAS, cudaMemcpyAsync).
 */
final class DeviceAddress {

    private DeviceAddress() {
    }

    static Pointer of(long deviceAddress) {
        return new Pointer() {
            {
                address = deviceAddress;
            }
        };
    }

    static FloatPointer floats(long deviceAddress) {
        return new FloatPointer() {
            {
                address = deviceAddress;
            }
        };
    }
}
